package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalyzer;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.planner.RoleClassifier;
import org.neuromix.engine.planner.RoleDecision;
import org.neuromix.engine.progress.ProgressListener;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns musicians' tracker modules into multitrack sessions whose reference balance is the one
 * the composer heard: the module's own recorded samples at the composer's volumes and panning,
 * each part ({@link TrackerModule}: an instrument, or a sample in modules without instruments)
 * rendered alone by libopenmpt, its loudness relative to the whole song stored as the truth. The
 * stems get the same seeded domain randomisation as the MIDI sessions
 * ({@link MusicianSessions#randomise}), at their written loudness.
 *
 * <p>Layout, as {@link MusicianSessions} writes it and {@link MusicianSessions#load} reads it:
 * {@code OUT/<package>/<module>--tracker/} with one FLAC per stem and {@code session.json} (bank
 * {@value #BANK}). A part becomes a stem when its name says what it is or, with a classifier
 * ({@link #soundLabeller}), when its sound does ({@value #MIN_SOUND_CONFIDENCE} or surer); the
 * session records which ({@code roleFrom}). A module is skipped with a note when it is unreadable,
 * when its parts do not add up to the song, when the parts without a label are too loud a share of
 * it, or when fewer than two stems are left.
 */
public final class TrackerSessions {
    public static final String BANK = "tracker";
    static final String BANK_NAME = "the module's own samples";
    /**
     * The most of the song's power (K-weighted, as integrated loudness measures it) that parts
     * without a telling name may carry. They stay in the mix the stems are measured against, so
     * every stem's relative loudness is the composer's; but training sees only the named stems, and
     * when the rest is more than a quarter of the song the stems are no longer the arrangement.
     * At 25 % the stems together are at most 1.25 LU under the song, a shift common to all of them.
     */
    static final double MAX_UNLABELLED_POWER_SHARE = 0.25;
    /**
     * The parts rendered alone and summed must measure within this of the song rendered whole: the
     * label is the balance as heard, so a module whose parts do not add up (a muting libopenmpt
     * cannot do per part, a note count that missed a part) is no label.
     */
    static final double MAX_SUM_ERROR_LU = 0.5;
    /**
     * A part whose name says nothing is labelled by its sound when the role classifier is at least
     * this sure of it. Most game modules name their samples with the credits or nothing at all; the
     * classifier ({@link MusicianRoles}, fitted on the MIDI sessions built beside them) names the
     * part, and a part it is unsure of stays in the mix unlabelled.
     */
    static final double MIN_SOUND_CONFIDENCE = 0.7;
    static final String ROLE_FROM_NAME = "name";
    static final String ROLE_FROM_SOUND = "sound";

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private TrackerSessions() {
    }

    /**
     * Every tracker module under {@code roots} (files or folders, walked in name order), each with
     * the Debian package that installed it, or the name of its folder when no package did.
     *
     * @throws IllegalArgumentException when a root or a file found lies in held-out material, or a root does not exist
     */
    public static List<MusicianSessions.Source> find(List<Path> roots) throws IOException {
        return MusicianSessions.find(roots, TrackerSessions::isModuleName);
    }

    /** Whether a file name ends in a tracker module extension (.mod .s3m .xm .it .mptm, any case). */
    static boolean isModuleName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".mod") || lower.endsWith(".s3m") || lower.endsWith(".xm") || lower.endsWith(".it")
                || lower.endsWith(".mptm");
    }

    /**
     * Builds one session per module into {@code out}, from each module's first {@code maxSeconds}.
     * A module that cannot be used is skipped with a one-line note; the rest go on.
     *
     * @throws IllegalStateException when libopenmpt is not installed
     */
    public static MusicianSessions.Built build(List<MusicianSessions.Source> sources, double maxSeconds, Path out,
                                               Consumer<String> progress) throws IOException {
        return build(sources, maxSeconds, out, progress, ProgressListener.NONE, null);
    }

    /**
     * As {@link #build(List, double, Path, Consumer)}, also telling {@code fraction} how many modules
     * are done, and labelling parts whose names say nothing by their sound with {@code bySound}
     * (null: by name only).
     */
    public static MusicianSessions.Built build(List<MusicianSessions.Source> sources, double maxSeconds, Path out,
                                               Consumer<String> progress, ProgressListener fraction,
                                               RoleClassifier bySound) throws IOException {
        if (!(maxSeconds >= 5 && maxSeconds <= MusicianSessions.MAX_EXCERPT_SECONDS)) {
            throw new IllegalArgumentException("the excerpt must be 5-" + (int) MusicianSessions.MAX_EXCERPT_SECONDS
                    + " s, was " + maxSeconds);
        }
        OpenMpt.api(); // one clear message before any module, when libopenmpt is missing
        int sessions = 0, stems = 0, done = 0;
        List<String> skipped = new ArrayList<>();
        for (MusicianSessions.Source source : sources) {
            done++;
            Outcome outcome;
            try {
                outcome = buildOne(source, maxSeconds, out, bySound);
            } catch (IOException e) {
                outcome = Outcome.skipped(oneLine(e.getMessage()));
            }
            if (outcome.skipped() != null) {
                skipped.add(outcome.skipped());
            } else {
                sessions++;
                stems += outcome.stems();
            }
            fraction.progress(String.format(Locale.ROOT, "module %d/%d", done, sources.size()), done / (double) sources.size());
            progress.accept(String.format(Locale.ROOT, "module %d/%d: %s (%s): %s", done, sources.size(),
                    source.file().getFileName(), source.packageName(), outcome.skipped() != null ? "skipped"
                            : String.format(Locale.ROOT, "%d stems (%d labelled by their sound); the parts sum to the song"
                            + " within %.3f LU", outcome.stems(), outcome.bySound(), outcome.sumErrorLu())));
        }
        return new MusicianSessions.Built(sessions, stems, skipped);
    }

    /**
     * The classifier that labels tracker parts by their sound: fitted on the MIDI sessions already in
     * {@code out} (their true roles, every bank; the tracker sessions are left out so a rebuild does
     * not learn from its own labels), so the same songs give the same labels. The whole-kit sessions
     * ({@link KitSessions}) are left out too: a tracker part is one instrument or sample, and a
     * whole-kit class competing for the drum parts left it unsure of more of them (17 tracker
     * sessions instead of 21 on the same modules). Null when {@code out} has no MIDI sessions.
     */
    public static RoleClassifier soundLabeller(Path out, Consumer<String> progress) throws IOException {
        List<MusicianSessions.Session> songs = Files.isDirectory(out) ? MusicianSessions.load(out).stream()
                .filter(session -> !session.bank().equals(BANK) && !session.wholeKit()).toList() : List.of();
        if (songs.isEmpty()) {
            return null;
        }
        try {
            return MusicianRoles.fitted(MusicianRoles.rows(songs, progress, ProgressListener.NONE),
                    "role classifier of the " + songs.size() + " MIDI sessions in " + out);
        } catch (AudioFileException e) {
            throw new IOException("a MIDI session's stem is unreadable: " + e.getMessage(), e);
        }
    }

    static Path sessionFolder(MusicianSessions.Source source, Path out) {
        return out.resolve(MusicianSessions.safe(source.packageName())).resolve(MusicianSessions.safe(source.file().getFileName().toString()) + "--" + BANK);
    }

    /** A module built (its stems, and how far its parts summed are from the song), or the reason it was skipped. */
    private record Outcome(String skipped, int stems, int bySound, double sumErrorLu) {
        static Outcome skipped(String reason) {
            return new Outcome(reason, 0, 0, Double.NaN);
        }
    }

    private static Outcome buildOne(MusicianSessions.Source source, double maxSeconds, Path out, RoleClassifier bySound)
            throws IOException {
        TrackerModule module = TrackerModule.read(source.file());
        String what = source.file().toString();
        // A rebuild replaces an earlier build's session, also when this one is skipped.
        MusicianSessions.deleteFolder(sessionFolder(source, out));
        // Most game modules name their samples with the credits: without a classifier, no need to render those.
        if (bySound == null && module.parts().stream().filter(TrackerModule.Part::labelled).count() < 2) {
            return Outcome.skipped(what + ": fewer than two parts whose names say what they are");
        }
        TrackerModule.Song song = module.renderSong(maxSeconds);
        AudioBuffer mix = song.audio();
        double mixLufs = MusicianSessions.integratedLufs(mix);
        if (!Double.isFinite(mixLufs) || mix.frames() < OpenMpt.SAMPLE_RATE_HZ) {
            return Outcome.skipped(what + ": silent, or shorter than a second");
        }
        // Only parts that start notes in the excerpt can sound; the sum check below catches any
        // part the note count missed.
        List<TrackerModule.Part> playing = new ArrayList<>();
        int named = 0;
        for (TrackerModule.Part part : module.parts()) {
            if (song.notesByPart()[part.number() - 1] > 0) {
                playing.add(part);
                named += part.labelled() ? 1 : 0;
            }
        }
        if (bySound == null && named < 2) {
            return Outcome.skipped(what + ": fewer than two playing parts whose names say what they are");
        }
        Path directory = sessionFolder(source, out);
        MusicianSessions.deleteFolder(directory);
        Files.createDirectories(directory);
        AudioBuffer sum = new AudioBuffer(2, mix.frames());
        AudioBuffer unlabelled = new AudioBuffer(2, mix.frames());
        List<String> stemNames = stemNames(playing);
        List<Future<PartResult>> renders = new ArrayList<>();
        for (int i = 0; i < playing.size(); i++) {
            TrackerModule.Part part = playing.get(i);
            String stem = stemNames.get(i);
            renders.add(MusicianSessions.RENDER_THREADS.submit(() -> renderPart(module, part, stem, mix.frames(), directory, sum, unlabelled, bySound)));
        }
        List<PartResult> results = new ArrayList<>();
        IOException failed = null;
        for (Future<PartResult> render : renders) {
            try {
                results.add(MusicianSessions.await(render, "rendering " + what));
            } catch (IOException e) {
                failed = failed == null ? e : failed; // the other renders still finish before the folder goes
            }
        }
        if (failed != null) {
            MusicianSessions.deleteFolder(directory);
            throw failed;
        }
        String problem = null;
        double sumLufs = MusicianSessions.integratedLufs(sum);
        double unlabelledLufs = MusicianSessions.integratedLufs(unlabelled);
        double unlabelledShare = Double.isFinite(unlabelledLufs) ? Math.pow(10, (unlabelledLufs - mixLufs) / 10) : 0;
        long written = results.stream().filter(r -> r.stem() != null).count();
        if (!(Math.abs(sumLufs - mixLufs) <= MAX_SUM_ERROR_LU)) {
            problem = String.format(Locale.ROOT, "%s: its parts rendered alone add up to %.2f LUFS, the song is %.2f LUFS",
                    what, sumLufs, mixLufs);
        } else if (unlabelledShare > MAX_UNLABELLED_POWER_SHARE) {
            problem = String.format(Locale.ROOT, "%s: parts without a label (name%s) carry %.0f %% of the song's power",
                    what, bySound == null ? "" : " or sure sound", 100 * unlabelledShare);
        } else if (written < 2) {
            problem = what + ": fewer than two audible parts whose names" + (bySound == null ? "" : " or sounds")
                    + " say what they are";
        }
        if (problem != null) {
            MusicianSessions.deleteFolder(directory);
            return Outcome.skipped(problem);
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        for (PartResult result : results) {
            if (result.stem() == null) {
                continue;
            }
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("stem", result.stem());
            description.put("role", result.role().planName());
            description.put("roleFrom", result.roleFrom());
            description.put("channel", result.part().number());
            description.put("program", null);
            description.put("notes", song.notesByPart()[result.part().number() - 1]);
            description.put("panPosition", 0.0); // the default pan lives in the module; libopenmpt's API does not give it
            description.put("bankCorrectionDb", 0.0); // the composer heard these very samples: nothing to correct
            description.put("relativeLoudnessLu", MusicianSessions.round(result.lufs() - mixLufs));
            description.put("randomisation", result.moves());
            parts.add(description);
        }
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("source", source.packageName());
        session.put("file", source.file().toAbsolutePath().toString());
        session.put("bank", BANK);
        session.put("bankName", BANK_NAME);
        session.put("excerptSeconds", MusicianSessions.round(mix.frames() / (double) OpenMpt.SAMPLE_RATE_HZ));
        session.put("mixLufs", MusicianSessions.round(mixLufs));
        session.put("parts", parts);
        Files.writeString(directory.resolve(MusicianSessions.SESSION_FILE), MAPPER.writeValueAsString(session) + "\n");
        int bySoundCount = (int) results.stream().filter(r -> r.stem() != null && ROLE_FROM_SOUND.equals(r.roleFrom())).count();
        return new Outcome(null, parts.size(), bySoundCount, Math.abs(sumLufs - mixLufs));
    }

    /** A part rendered: its loudness and, when it became a stem, the stem's file, role and where the role came from. */
    private record PartResult(TrackerModule.Part part, double lufs, String stem, Role role, String roleFrom,
                              Map<String, Object> moves) {
        static PartResult unlabelled(TrackerModule.Part part, double lufs) {
            return new PartResult(part, lufs, null, null, null, null);
        }
    }

    /**
     * Renders one part alone, adds it to the sums, and when it is audible and its name or (with
     * {@code bySound}) its sound says what it is, writes it, randomised, as a stem. Seeded by file and
     * part, so the result does not depend on thread order.
     */
    private static PartResult renderPart(TrackerModule module, TrackerModule.Part part, String stem, int frames,
                                         Path directory, AudioBuffer sum, AudioBuffer unlabelled, RoleClassifier bySound)
            throws IOException {
        AudioBuffer audio = module.renderPart(part, frames);
        double lufs = MusicianSessions.integratedLufs(audio);
        synchronized (sum) {
            add(sum, audio);
        }
        PartResult result = PartResult.unlabelled(part, lufs);
        // Randomising changes the samples: a part that may yet be left unlabelled is summed as rendered.
        AudioBuffer rendered = part.labelled() ? audio : copy(audio);
        if (lufs > MusicianSessions.AUDIBLE_LUFS && (part.labelled() || bySound != null)) {
            // randomise works at the MIDI renderer's rate, which is libopenmpt's here (48 kHz).
            Random random = new Random(MusicianSessions.seedOf(module.file().getFileName() + "|" + BANK + "|" + part.number()));
            Map<String, Object> moves = MusicianSessions.randomise(audio, lufs, random);
            Path file = directory.resolve(stem);
            AudioWriter.write(file, AudioEncoding.FLAC_24, OpenMpt.SAMPLE_RATE_HZ, audio);
            if (part.labelled()) {
                result = new PartResult(part, lufs, stem, part.role(), ROLE_FROM_NAME, moves);
            } else {
                // Classified as a user's stem would be: the randomised file, as written.
                RoleDecision decision;
                try {
                    decision = bySound.classify(StemAnalyzer.analyze(file));
                } catch (AudioFileException e) {
                    throw new IOException("cannot read back " + file + ": " + e.getMessage(), e);
                }
                if (decision.confidence() >= MIN_SOUND_CONFIDENCE) {
                    result = new PartResult(part, lufs, stem, decision.role(), ROLE_FROM_SOUND, moves);
                } else {
                    Files.delete(file);
                }
            }
        }
        if (result.stem() == null) {
            synchronized (sum) {
                add(unlabelled, rendered);
            }
        }
        return result;
    }

    /** "07 Bass.flac": the part's number and name (letters, digits, spaces, + ( ) -), numbered again when repeated. */
    private static List<String> stemNames(List<TrackerModule.Part> parts) {
        Map<String, Integer> used = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (TrackerModule.Part part : parts) {
            String cleaned = part.name().replaceAll("[^A-Za-z0-9 +()-]", "").trim();
            String base = String.format(Locale.ROOT, "%02d %s", part.number(), cleaned.isEmpty() ? part.role().planName() : cleaned);
            int count = used.merge(base, 1, Integer::sum);
            names.add((count > 1 ? base + " " + count : base) + ".flac");
        }
        return names;
    }

    private static AudioBuffer copy(AudioBuffer audio) {
        float[][] samples = new float[audio.channels()][];
        for (int c = 0; c < samples.length; c++) {
            samples[c] = java.util.Arrays.copyOf(audio.channel(c), audio.frames());
        }
        return new AudioBuffer(samples);
    }

    private static void add(AudioBuffer sum, AudioBuffer audio) {
        for (int c = 0; c < 2; c++) {
            float[] to = sum.channel(c), from = audio.channel(c);
            for (int f = 0; f < sum.frames(); f++) {
                to[f] += from[f];
            }
        }
    }

    private static String oneLine(String text) {
        return text == null ? "unknown error" : text.replaceAll("\\s+", " ").trim();
    }
}
