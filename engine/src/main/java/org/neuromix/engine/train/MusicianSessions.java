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
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;
import org.neuromix.engine.dsp.BiquadFilter;
import org.neuromix.engine.dsp.FilterType;
import org.neuromix.engine.dsp.ParametricEq;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.loudness.LoudnessMeter;
import org.neuromix.engine.progress.ProgressListener;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns musicians' MIDI songs into multitrack sessions whose reference balance is the one the
 * musician wrote: every part ({@link MidiSong}) rendered on its own with a named bank, its level
 * as written (velocities, CC7 volume, CC11 expression; the synthesizer's gain control off), and
 * its loudness relative to the sum of all parts recorded as the truth. Each bank's preset levels
 * are first brought to the consensus of the banks rendered ({@link BankCalibration}), so the truth
 * is the musician's, not one bank's. Each stem is then given a
 * seeded domain randomisation — EQ tilt, soft saturation, stereo width, a noise floor — and
 * brought back to its written loudness, so models learn the part and the arrangement rather than
 * one bank's timbre, while the balance stays the musician's.
 *
 * <p>Layout: {@code OUT/<package>/<song>--<bank>/} with one FLAC per stem and {@code session.json}
 * (source package, file, bank, and per stem its role, channel, program, written pan and
 * {@code relativeLoudnessLu}). Held-out material is refused by path ({@link HeldOutMaterial}).
 * No user audio is read anywhere on this path: only MIDI files and sound banks.
 */
public final class MusicianSessions {
    public static final String SESSION_FILE = "session.json";
    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    /** Stems quieter than this in the written mix are not part of the balance (a silent or inaudible part). */
    static final double AUDIBLE_LUFS = -70;
    public static final double MAX_EXCERPT_SECONDS = 300;

    /** Render threads shared by the MIDI and tracker builders, one per core. */
    static final java.util.concurrent.ExecutorService RENDER_THREADS = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Runtime.getRuntime().availableProcessors()), runnable -> {
                Thread thread = new Thread(runnable, "neuromix-midi-render");
                thread.setDaemon(true);
                return thread;
            });

    private MusicianSessions() {
    }

    /** A MIDI song and the package it came from (its source, for splitting by package). */
    public record Source(Path file, String packageName) {
    }

    /** A bank to render with and its short tag in folder names. */
    public record Bank(String tag, GervillRenderer renderer) {
    }

    /**
     * One stem of a built session, as training and evaluation read it.
     *
     * @param roleBySound whether the role is a classifier's reading of the stem's sound (a tracker
     *                    part whose name said nothing) rather than written in the song
     */
    public record Stem(Path file, String name, Role role, double relativeLoudnessLu, double panPosition, boolean roleBySound) {
    }

    /** One built session: its folder, source package, song, bank and stems; {@code wholeKit} when derived by {@link KitSessions}. */
    public record Session(Path directory, String source, String song, String bank, List<Stem> stems, boolean wholeKit) {
        /**
         * Whether the stem is a copy of another session's: a whole-kit session's stems other than
         * the kit are the files (and labels) of the session it was derived from, so models learn
         * each of them once, there.
         */
        public boolean copiedStem(int stem) {
            return wholeKit && stems.get(stem).role() != Role.DRUMS_OVERHEADS;
        }
    }

    public record Built(int sessions, int stems, List<String> skipped) {
    }

    /**
     * Every MIDI file under {@code roots} (files or folders, walked in name order), each with the
     * Debian package that installed it, or the name of its folder when no package did.
     *
     * @throws IllegalArgumentException when a root or a file found lies in held-out material
     */
    public static List<Source> find(List<Path> roots) throws IOException {
        return find(roots, MusicianSessions::isMidiName);
    }

    /** As {@link #find(List)}, for files whose names {@code isSongName} accepts (MIDI files, tracker modules). */
    static List<Source> find(List<Path> roots, java.util.function.Predicate<String> isSongName) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (Path root : roots) {
            String refusal = HeldOutMaterial.refusal(root);
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
            if (!Files.exists(root)) {
                throw new IllegalArgumentException(root + ": no such file or folder");
            }
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                files = walk.filter(Files::isRegularFile)
                        .filter(p -> p.getFileName() != null && isSongName.test(p.getFileName().toString())).sorted().toList();
            }
            for (Path file : files) {
                String inside = HeldOutMaterial.refusal(file);
                if (inside != null) {
                    throw new IllegalArgumentException(inside);
                }
                String owner = DebianPackages.owner(file);
                Path parent = file.toAbsolutePath().getParent();
                sources.add(new Source(file, owner != null ? owner
                        : "folder-" + (parent == null || parent.getFileName() == null ? "root" : parent.getFileName())));
            }
        }
        return sources;
    }

    static boolean isMidiName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".mid") || lower.endsWith(".midi") || lower.endsWith(".kar");
    }

    /**
     * Builds one session per source and bank into {@code out}. A file that is not MIDI, or a song
     * with fewer than two audible parts, is skipped with a note; the rest go on.
     */
    public static Built build(List<Source> sources, List<Bank> banks, double maxSeconds, Path out, Consumer<String> progress)
            throws IOException {
        return build(sources, banks, maxSeconds, Vocals.NONE, out, progress);
    }

    /** The share of the progress that the banks' calibration takes. */
    private static final double CALIBRATION_SHARE = 0.1;

    /** Whether songs are also built in a sung version ({@link SungParts}): not, as well, or only. */
    public enum Vocals { NONE, ALSO, ONLY }

    /**
     * As {@link #build(List, List, double, Path, Consumer)}, with sung versions of the songs that
     * have a melody: {@code OUT/<package>/sung/<song>--<bank>/}, the melody sung as the lead vocal
     * and the choir parts as backing vocals at their written levels.
     */
    public static Built build(List<Source> sources, List<Bank> banks, double maxSeconds, Vocals vocals, Path out,
                              Consumer<String> progress) throws IOException {
        return build(sources, banks, maxSeconds, vocals, out, progress, ProgressListener.NONE);
    }

    /**
     * As {@link #build(List, List, double, Vocals, Path, Consumer)}, also telling {@code fraction}
     * how far it is: the banks' calibration is the first tenth, the songs the rest.
     */
    public static Built build(List<Source> sources, List<Bank> banks, double maxSeconds, Vocals vocals, Path out,
                              Consumer<String> progress, ProgressListener fraction) throws IOException {
        // Every part of one song is held in memory while its balance is measured (46 MB per part
        // and 5 minutes), so the excerpt is bounded.
        if (!(maxSeconds >= 5 && maxSeconds <= MAX_EXCERPT_SECONDS)) {
            throw new IllegalArgumentException("the excerpt must be 5-" + (int) MAX_EXCERPT_SECONDS + " s, was " + maxSeconds);
        }
        if (banks.isEmpty()) {
            throw new IllegalArgumentException("at least one sound bank is needed");
        }
        fraction.progress("measuring the banks' preset levels", 0);
        List<BankCalibration.LevelCorrections> corrections = calibrate(banks, vocals != Vocals.NONE, out, progress);
        int sessions = 0, stems = 0;
        List<String> skipped = new ArrayList<>();
        int done = 0;
        for (Source source : sources) {
            done++;
            MidiSong song;
            try {
                song = MidiSong.read(source.file(), maxSeconds);
            } catch (IOException e) {
                skipped.add(e.getMessage());
                continue;
            }
            for (int b = 0; b < banks.size(); b++) {
                Bank bank = banks.get(b);
                String songName = source.file().getFileName().toString().replaceAll("\\.(?i)(mid|midi|kar)$", "");
                if (vocals != Vocals.ONLY) {
                    Path directory = out.resolve(safe(source.packageName())).resolve(safe(songName) + "--" + bank.tag());
                    int written = writeSession(song, source, bank, corrections.get(b), null, directory);
                    if (written < 2) {
                        skipped.add(source.file() + " with " + bank.tag() + ": fewer than two audible parts");
                        deleteFolder(directory);
                    } else {
                        sessions++;
                        stems += written;
                    }
                }
                List<SungParts.Sung> sung = SungParts.plan(song);
                if (vocals != Vocals.NONE && sung.contains(SungParts.Sung.LEAD)) {
                    Path directory = out.resolve(safe(source.packageName())).resolve("sung").resolve(safe(songName) + "--" + bank.tag());
                    int written = writeSession(song, source, bank, corrections.get(b), sung, directory);
                    if (written < 2) {
                        deleteFolder(directory);
                    } else {
                        sessions++;
                        stems += written;
                    }
                }
            }
            fraction.progress(String.format(Locale.ROOT, "song %d/%d", done, sources.size()),
                    CALIBRATION_SHARE + (1 - CALIBRATION_SHARE) * done / sources.size());
            progress.accept(String.format(Locale.ROOT, "song %d/%d: %s (%s)", done, sources.size(),
                    source.file().getFileName(), source.packageName()));
        }
        return new Built(sessions, stems, skipped);
    }

    /**
     * Measures every bank's preset levels ({@link BankCalibration}, in parallel) and writes them
     * with the corrections toward their consensus to {@value #CALIBRATION_FILE} in {@code out}.
     */
    static List<BankCalibration.LevelCorrections> calibrate(List<Bank> banks, boolean sung, Path out, Consumer<String> progress)
            throws IOException {
        if (banks.size() == 1 && !sung) {
            // One bank is its own consensus: nothing to correct, nothing to measure (sung parts need its levels).
            return List.of(BankCalibration.LevelCorrections.none());
        }
        List<java.util.concurrent.Future<BankCalibration>> measuring = new ArrayList<>();
        for (Bank bank : banks) {
            measuring.add(RENDER_THREADS.submit(() -> BankCalibration.measure(bank.renderer())));
        }
        List<BankCalibration> measured = new ArrayList<>();
        for (java.util.concurrent.Future<BankCalibration> future : measuring) {
            measured.add(await(future, "measuring a bank's preset levels"));
        }
        List<BankCalibration.LevelCorrections> corrections = BankCalibration.towardConsensus(measured);
        List<Map<String, Object>> description = new ArrayList<>();
        for (int b = 0; b < banks.size(); b++) {
            Map<String, Object> bank = new LinkedHashMap<>();
            bank.put("bank", banks.get(b).tag());
            bank.put("bankName", banks.get(b).renderer().soundbankName());
            bank.put("referenceLufs", round(measured.get(b).referenceLufs()));
            bank.put("programProbeLufs", rounded(measured.get(b).programLufs()));
            bank.put("kitPieceProbeLufs", rounded(measured.get(b).kitPieceLufs()));
            bank.put("programCorrectionDb", rounded(corrections.get(b).programDb()));
            bank.put("kitPieceCorrectionDb", rounded(corrections.get(b).kitPieceDb()));
            description.add(bank);
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve(CALIBRATION_FILE), MAPPER.writeValueAsString(Map.of("banks", description)) + "\n");
        progress.accept("measured the preset levels of " + banks.size() + " bank(s); corrections in " + CALIBRATION_FILE);
        return corrections;
    }

    public static final String CALIBRATION_FILE = "bank-calibration.json";

    private static List<Object> rounded(double[] values) {
        List<Object> list = new ArrayList<>();
        for (double value : values) {
            list.add(Double.isFinite(value) ? round(value) : null);
        }
        return list;
    }

    /** The task's result; its failure as an IOException naming what it was doing. */
    static <T> T await(java.util.concurrent.Future<T> future, String what) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + what);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(what + ": " + e.getCause(), e.getCause());
        }
    }

    private static int writeSession(MidiSong song, Source source, Bank bank, BankCalibration.LevelCorrections corrections,
                                    List<SungParts.Sung> sung, Path directory) throws IOException {
        int frames = (int) Math.round((song.lengthSeconds() + GervillRenderer.TAIL_SECONDS) * GervillRenderer.SAMPLE_RATE_HZ);
        List<AudioBuffer> audio = new ArrayList<>();
        List<Double> lufs = new ArrayList<>();
        AudioBuffer mix = new AudioBuffer(2, frames);
        // Parts render on their own synthesizers, in parallel; the results are the same in any order.
        List<java.util.concurrent.Future<AudioBuffer>> renders = new ArrayList<>();
        long voiceSeed = seedOf(source.file().getFileName().toString() + "|voice");
        for (int p = 0; p < song.parts().size(); p++) {
            MidiSong.Part part = song.parts().get(p);
            SungParts.Sung how = sung == null ? SungParts.Sung.PLAYED : sung.get(p);
            if (how == SungParts.Sung.PLAYED) {
                renders.add(RENDER_THREADS.submit(() -> bank.renderer().renderAsWritten(part.messages(), frames)));
            } else {
                // Sung where the replaced program would play once corrected, so the written level is kept.
                double gainDb = corrections.correctedProbeLufs(part.program()) - SungParts.probeLufs(
                        how == SungParts.Sung.LEAD ? SingingVoice.Kind.LEAD : SingingVoice.Kind.BACKING);
                long seed = voiceSeed + p;
                renders.add(RENDER_THREADS.submit(() -> SungParts.sing(part, how, seed, frames, gainDb)));
            }
        }
        for (int p = 0; p < renders.size(); p++) {
            AudioBuffer rendered = await(renders.get(p), "rendering " + source.file());
            // The bank's preset level for this program brought to the banks' consensus (sung parts already are).
            boolean played = sung == null || sung.get(p) == SungParts.Sung.PLAYED;
            float correction = played ? (float) Math.pow(10, corrections.forPart(song.parts().get(p)) / 20) : 1f;
            for (int c = 0; c < 2; c++) {
                float[] samples = rendered.channel(c);
                for (int f = 0; f < samples.length; f++) {
                    samples[f] *= correction;
                }
            }
            audio.add(rendered);
            lufs.add(integratedLufs(rendered));
            for (int c = 0; c < 2; c++) {
                float[] sum = mix.channel(c), from = rendered.channel(c);
                for (int f = 0; f < frames; f++) {
                    sum[f] += from[f];
                }
            }
        }
        double mixLufs = integratedLufs(mix);
        if (!Double.isFinite(mixLufs)) {
            return 0;
        }
        Files.createDirectories(directory);
        Random random = new Random(seedOf(source.file().getFileName().toString() + "|" + bank.tag()));
        List<Map<String, Object>> parts = new ArrayList<>();
        Map<String, Integer> used = new LinkedHashMap<>();
        for (int i = 0; i < audio.size(); i++) {
            MidiSong.Part part = song.parts().get(i);
            if (!(lufs.get(i) > AUDIBLE_LUFS)) {
                continue;
            }
            SungParts.Sung how = sung == null ? SungParts.Sung.PLAYED : sung.get(i);
            String partName = how == SungParts.Sung.LEAD ? "Lead Vocal" : how == SungParts.Sung.BACKING ? "Backing Vocals" : part.name();
            Role role = how == SungParts.Sung.PLAYED ? part.role() : SungParts.role(how);
            String base = String.format(Locale.ROOT, "%02d %s", part.channel() + 1, partName.replaceAll("[^A-Za-z0-9 +()-]", ""));
            int count = used.merge(base, 1, Integer::sum);
            String stem = (count > 1 ? base + " " + count : base) + ".flac";
            Map<String, Object> moves = randomise(audio.get(i), lufs.get(i), random);
            AudioWriter.write(directory.resolve(stem), AudioEncoding.FLAC_24, GervillRenderer.SAMPLE_RATE_HZ, audio.get(i));
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("stem", stem);
            description.put("role", role.planName());
            if (how != SungParts.Sung.PLAYED) {
                description.put("sungInsteadOf", part.name());
            }
            description.put("channel", part.channel() + 1);
            description.put("program", part.program() < 0 ? null : part.program());
            description.put("notes", part.notes());
            description.put("panPosition", round(part.panPosition()));
            description.put("bankCorrectionDb", how == SungParts.Sung.PLAYED ? round(corrections.forPart(part)) : 0.0);
            description.put("relativeLoudnessLu", round(lufs.get(i) - mixLufs));
            description.put("randomisation", moves);
            parts.add(description);
        }
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("source", source.packageName());
        session.put("file", source.file().toAbsolutePath().toString());
        session.put("bank", bank.tag());
        session.put("sung", sung != null);
        session.put("bankName", bank.renderer().soundbankName());
        session.put("excerptSeconds", round(song.lengthSeconds()));
        session.put("mixLufs", round(mixLufs));
        session.put("parts", parts);
        Files.writeString(directory.resolve(SESSION_FILE), MAPPER.writeValueAsString(session) + "\n");
        return parts.size();
    }

    /**
     * Seeded domain randomisation of one stem, in place, ending at its written loudness: a tilt of
     * ±3 dB (low shelf at 250 Hz against a high shelf at 4 kHz), soft saturation on a third of the
     * stems, stereo width 0.5-1.3, and a noise floor 45-65 dB under the stem. Returns the moves.
     */
    static Map<String, Object> randomise(AudioBuffer audio, double writtenLufs, Random random) {
        double tiltDb = random.nextDouble() * 6 - 3;
        double driveDb = random.nextDouble() < 1 / 3.0 ? random.nextDouble() * 9 : 0;
        double width = 0.5 + random.nextDouble() * 0.8;
        double noiseBelowDb = 45 + random.nextDouble() * 20;
        ParametricEq tilt = new ParametricEq(List.of(new BiquadFilter(FilterType.LOW_SHELF, 250, 0.7071, tiltDb),
                new BiquadFilter(FilterType.HIGH_SHELF, 4000, 0.7071, -tiltDb)));
        tilt.prepare(new ProcessSpec(GervillRenderer.SAMPLE_RATE_HZ, audio.frames(), audio.channels()));
        tilt.process(audio);
        float[] left = audio.channel(0), right = audio.channel(1);
        double drive = Math.pow(10, driveDb / 20);
        double noise = Math.pow(10, (writtenLufs - noiseBelowDb) / 20);
        for (int i = 0; i < audio.frames(); i++) {
            double mid = 0.5 * (left[i] + right[i]), side = 0.5 * (left[i] - right[i]) * width;
            double l = mid + side, r = mid - side;
            if (driveDb > 0) {
                l = Math.tanh(l * drive) / drive;
                r = Math.tanh(r * drive) / drive;
            }
            left[i] = (float) (l + noise * random.nextGaussian());
            right[i] = (float) (r + noise * random.nextGaussian());
        }
        double now = integratedLufs(audio);
        if (Double.isFinite(now)) {
            float gain = (float) Math.pow(10, (writtenLufs - now) / 20);
            for (float[] channel : new float[][] {left, right}) {
                for (int i = 0; i < channel.length; i++) {
                    channel[i] *= gain;
                }
            }
        }
        Map<String, Object> moves = new LinkedHashMap<>();
        moves.put("tiltDb", round(tiltDb));
        moves.put("saturationDriveDb", round(driveDb));
        moves.put("stereoWidth", round(width));
        moves.put("noiseFloorBelowLu", round(noiseBelowDb));
        return moves;
    }

    static double integratedLufs(AudioBuffer audio) {
        LoudnessMeter meter = LoudnessMeter.forFrontChannels(GervillRenderer.SAMPLE_RATE_HZ, audio.channels());
        meter.accept(audio);
        return meter.measurement().integratedLufs();
    }

    /** Every session under {@code directory} (any depth), in folder-name order. */
    public static List<Session> load(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException(directory + ": no such folder of musician sessions");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(directory)) {
            files = walk.filter(p -> p.getFileName().toString().equals(SESSION_FILE)).sorted().toList();
        }
        List<Session> sessions = new ArrayList<>();
        for (Path file : files) {
            JsonNode json;
            try {
                json = MAPPER.readTree(Files.readString(file));
            } catch (RuntimeException e) {
                throw new IOException(file + ": not a session description");
            }
            if (json.get("parts") == null || json.get("source") == null) {
                continue; // a synthetic session (it has no musician's balance)
            }
            String heldOut = json.get("file") == null ? null : HeldOutMaterial.refusal(Path.of(json.get("file").asString()));
            if (heldOut == null) {
                heldOut = HeldOutMaterial.refusal(file);
            }
            if (heldOut != null) {
                throw new IllegalArgumentException(file + " was made from held-out material: " + heldOut);
            }
            List<Stem> stems = new ArrayList<>();
            for (JsonNode part : json.get("parts")) {
                Role role = Role.fromPlanName(part.get("role").asString());
                if (role == null) {
                    throw new IOException(file + ": unknown role " + part.get("role").asString());
                }
                stems.add(new Stem(file.getParent().resolve(part.get("stem").asString()), part.get("stem").asString(), role,
                        part.get("relativeLoudnessLu").asDouble(), part.get("panPosition").asDouble(),
                        part.has("roleFrom") && TrackerSessions.ROLE_FROM_SOUND.equals(part.get("roleFrom").asString())));
            }
            String song = file.getParent().getFileName().toString().replaceAll("--[^-]+$", "");
            sessions.add(new Session(file.getParent(), json.get("source").asString(), song, json.get("bank").asString(),
                    List.copyOf(stems), json.path("kit").asBoolean(false)));
        }
        return sessions;
    }

    static long seedOf(String text) {
        long hash = 1125899906842597L;
        for (int i = 0; i < text.length(); i++) {
            hash = 31 * hash + text.charAt(i);
        }
        return hash;
    }

    static String safe(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9._+-]", "_");
        return cleaned.isEmpty() ? "_" : cleaned;
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    static void deleteFolder(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
