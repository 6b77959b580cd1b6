package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.planner.MixModels;
import org.neuromix.engine.planner.Planner;
import org.neuromix.engine.planner.PlannerOptions;
import org.neuromix.engine.progress.ProgressListener;
import org.neuromix.engine.render.TrackLoudness;
import org.neuromix.engine.separation.ChunkedSeparation;
import org.neuromix.engine.separation.Separator;
import org.neuromix.engine.separation.Stem;

/**
 * The stereo-upload path on musicians' songs: each session's stems are summed into the song, the
 * song is separated into vocals, drums, bass and other, and the planner mixes the separated stems
 * as the service does for a single upload ({@code separatedSong}). Scored three ways, each after
 * removing the session's common offset: the remix against the song (how far each separated stem
 * moved from where the song had it), the remix against the musician's balance of the same four
 * groups (the true stems summed by role), and the song itself against that balance — so the remix
 * is seen to be at least as good as its input by the same measure. Stems raised by more than
 * 6 LU against the rest of the song (measured through their strips, the common offset removed)
 * are counted, and the largest fader is reported (a fader also makes up what compression takes).
 */
public final class SeparatedSongEvaluation {
    private SeparatedSongEvaluation() {
    }

    public record Report(int songs, List<Double> fromSong, List<Double> remixToMusician, List<Double> songToMusician,
                         int raisedOver6Lu, double largestRaiseLu, double largestFaderDb, int absentStems) {
        public String markdown() {
            return String.format(Locale.ROOT, "## Stereo upload: separated songs remixed%n%n"
                    + "%d songs summed from their stems, separated, and mixed as a single upload. Median per-stem distance"
                    + " (LU, common offset removed):%n%n| comparison | median | 90th percentile | stems |%n|---|---|---|---|%n"
                    + "| remix against the song's own balance | %.2f | %.2f | %d |%n"
                    + "| remix against the musician's balance of the four groups | %.2f | %.2f | %d |%n"
                    + "| the song as separated against the musician's balance (the input) | %.2f | %.2f | %d |%n%n"
                    + "Stems raised by more than 6 LU against the rest of the song: %d (largest raise %+.2f LU; largest"
                    + " fader %+.1f dB, making up for compression). Stems found absent and left alone: %d.%n",
                    songs, MusicianBalance.percentile(fromSong, 0.5), MusicianBalance.percentile(fromSong, 0.9), fromSong.size(),
                    MusicianBalance.percentile(remixToMusician, 0.5), MusicianBalance.percentile(remixToMusician, 0.9),
                    remixToMusician.size(), MusicianBalance.percentile(songToMusician, 0.5),
                    MusicianBalance.percentile(songToMusician, 0.9), songToMusician.size(), raisedOver6Lu, largestRaiseLu,
                    largestFaderDb, absentStems);
        }
    }

    /** The separated stem a role's sound ends up in. */
    static Stem group(Role role) {
        return switch (role) {
            case LEAD_VOCAL, BACKING_VOCAL -> Stem.VOCALS;
            case KICK, SNARE, TOMS, HI_HAT_CYMBALS, DRUMS_OVERHEADS, PERCUSSION -> Stem.DRUMS;
            case BASS -> Stem.BASS;
            default -> Stem.OTHER;
        };
    }

    public static Report run(List<MusicianSessions.Session> sessions, Separator separator, MixModels models, Path work,
                             Consumer<String> progress) throws IOException, AudioFileException, MixPlanException {
        return run(sessions, separator, models, work, progress, ProgressListener.NONE);
    }

    /** As {@link #run(List, Separator, MixModels, Path, Consumer)}, also telling {@code fraction} how many songs are done. */
    public static Report run(List<MusicianSessions.Session> sessions, Separator separator, MixModels models, Path work,
                             Consumer<String> progress, ProgressListener fraction)
            throws IOException, AudioFileException, MixPlanException {
        List<Double> fromSong = new ArrayList<>(), remixToMusician = new ArrayList<>(), songToMusician = new ArrayList<>();
        int raised = 0, absent = 0, done = 0;
        double largestRaise = Double.NEGATIVE_INFINITY, largestFader = Double.NEGATIVE_INFINITY;
        for (MusicianSessions.Session session : sessions) {
            Path directory = Files.createDirectories(work.resolve("song-" + done));
            AudioBuffer song = null;
            AudioBuffer[] groups = new AudioBuffer[Stem.values().length];
            int rate = GervillRenderer.SAMPLE_RATE_HZ;
            for (MusicianSessions.Stem stem : session.stems()) {
                AudioBuffer audio;
                try (AudioReader reader = AudioReader.open(stem.file(), rate, 2)) {
                    audio = new AudioBuffer(2, (int) Math.round(reader.info().durationSeconds() * rate));
                    reader.read(audio);
                }
                song = add(song, audio);
                int g = group(stem.role()).ordinal();
                groups[g] = add(groups[g], audio);
            }
            Path mix = directory.resolve("song.wav");
            AudioWriter.write(mix, AudioEncoding.WAV_FLOAT_32, rate, song);
            Path separated = Files.createDirectories(directory.resolve("separated"));
            ChunkedSeparation.separateFile(separator, mix, separated, ChunkedSeparation.DEFAULT_CHUNK_SECONDS);
            List<Path> stems = new ArrayList<>();
            for (Stem stem : Stem.values()) {
                stems.add(separated.resolve(stem.fileName()));
            }
            PlannerOptions options = new PlannerOptions(DeliveryTarget.parse("spotify"), "auto", Map.of(), Map.of(),
                    PlannerOptions.Reverb.MEDIUM, 50);
            Planner.Result result = Planner.plan(separated, stems, options, models, true);
            MixPlan plan = result.plan();
            List<Double> measured = TrackLoudness.measure(plan, separated);
            double[] remix = new double[4], asSeparated = new double[4], truth = new double[4];
            for (int g = 0; g < 4; g++) {
                StemAnalysis analysis = result.analyses().get(g);
                boolean isAbsent = plan.tracks().get(g).gain().reason().contains("absent from the song");
                absent += isAbsent ? 1 : 0;
                largestFader = Math.max(largestFader, plan.tracks().get(g).gain().gainDb());
                double truthLevel = groups[g] == null ? Double.NaN : MusicianSessions.integratedLufs(groups[g]);
                boolean scored = !isAbsent && !analysis.isSilent() && Double.isFinite(truthLevel);
                remix[g] = scored ? measured.get(g) : Double.NaN;
                asSeparated[g] = scored ? analysis.loudness().integratedLufs() : Double.NaN;
                truth[g] = scored ? truthLevel : Double.NaN;
            }
            for (double raise : signed(remix, asSeparated)) {
                raised += raise > 6 ? 1 : 0;
                largestRaise = Math.max(largestRaise, raise);
            }
            fromSong.addAll(distances(remix, asSeparated));
            remixToMusician.addAll(distances(remix, truth));
            songToMusician.addAll(distances(asSeparated, truth));
            deleteFolder(directory);
            done++;
            progress.accept(String.format(Locale.ROOT, "separated song %d/%d", done, sessions.size()));
            fraction.progress(String.format(Locale.ROOT, "separated songs (%d/%d)", done, sessions.size()),
                    done / (double) sessions.size());
        }
        return new Report(done, fromSong, remixToMusician, songToMusician, raised, largestRaise, largestFader, absent);
    }

    private static List<Double> distances(double[] levels, double[] reference) {
        return signed(levels, reference).stream().map(Math::abs).toList();
    }

    /** Each level minus its reference, after removing the common offset; none when fewer than two are defined. */
    private static List<Double> signed(double[] levels, double[] reference) {
        double offset = 0;
        int count = 0;
        for (int i = 0; i < levels.length; i++) {
            if (Double.isFinite(levels[i]) && Double.isFinite(reference[i])) {
                offset += levels[i] - reference[i];
                count++;
            }
        }
        List<Double> distances = new ArrayList<>();
        if (count < 2) {
            return distances; // one stem has no balance
        }
        offset /= count;
        for (int i = 0; i < levels.length; i++) {
            if (Double.isFinite(levels[i]) && Double.isFinite(reference[i])) {
                distances.add(levels[i] - reference[i] - offset);
            }
        }
        return distances;
    }

    private static AudioBuffer add(AudioBuffer sum, AudioBuffer audio) {
        if (sum == null) {
            AudioBuffer copy = new AudioBuffer(2, audio.frames());
            sum = copy;
        }
        int frames = Math.min(sum.frames(), audio.frames());
        for (int c = 0; c < 2; c++) {
            float[] to = sum.channel(c), from = audio.channel(c);
            for (int i = 0; i < frames; i++) {
                to[i] += from[i];
            }
        }
        return sum;
    }

    private static void deleteFolder(Path directory) throws IOException {
        try (var walk = Files.walk(directory)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
