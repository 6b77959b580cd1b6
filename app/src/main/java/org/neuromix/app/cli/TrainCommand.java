package org.neuromix.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.train.GervillRenderer;
import org.neuromix.engine.train.ModelTraining;
import org.neuromix.engine.train.MusicianBalance;
import org.neuromix.engine.train.MusicianSessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neuromix train}: fit the planner's models on generated sessions (never on user audio). */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Generate synthetic sessions (training seeds only) and fit all of the planner's models with XGBoost:",
            "balance, pan, high-pass, low shelf, low-mid, high shelf, compressor ratio and threshold, and the",
            "audio role classifier. Writes one JSON file per model to DIR; copy them to",
            "engine/src/main/resources/org/neuromix/engine/planner/ to ship them. Reads generator output only.",
            "",
            "Exit codes: 0 trained; 2 bad input; 1 internal error."
        })
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--sessions", defaultValue = "150", paramLabel = "N", description = "Sessions to generate (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Training seed block, 0-9999 (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bars", defaultValue = "4", paramLabel = "B", description = "Bars per session (default: ${DEFAULT-VALUE}).")
    int bars;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the model files.")
    Path out;

    @Option(names = "--soundfont", paramLabel = "FILE.sf2",
            description = "General MIDI SoundFont to render with (e.g. /usr/share/sounds/sf2/sf_GMbank.sf2; default: the pinned JDK bank shipped with NeuroMix; held-out banks are refused).")
    Path soundfont;

    @Option(names = "--musician-sessions", paramLabel = "DIR",
            description = "Sessions made by build-sessions: the balance model is learned from the musicians' own balances.")
    Path musicianSessions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (sessions < 1 || sessions > 100_000 || bars < 1 || bars > 256) {
            err.println("neuromix train: --sessions must be in [1, 100000] and --bars in [1, 256]");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        GervillRenderer renderer = ServiceStorageGuard.generatorRenderer("train", err, soundfont, "--out", out,
                "--musician-sessions", musicianSessions);
        if (renderer == null) {
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        try (WorkDirectory workDirectory = new WorkDirectory("neuromix-train-")) {
            Path work = workDirectory.path();
            long start = System.nanoTime();
            ModelTraining.Result result = ModelTraining.train(sessions, seed, bars, renderer, work, out);
            stdout.println(String.format(Locale.ROOT, "Trained on %d stems of %d sessions rendered with %s in %.0f s:",
                    result.stems(), result.sessions(), result.soundbank(), (System.nanoTime() - start) / 1e9));
            for (ModelTraining.ModelFit fit : result.models()) {
                stdout.println(String.format(Locale.ROOT, "  %-22s training %s %.3f  %s", fit.what(), fit.unit(),
                        fit.trainingError(), fit.file()));
            }
            if (musicianSessions != null) {
                List<MusicianSessions.Session> loaded = MusicianSessions.load(musicianSessions);
                List<MusicianBalance.Rows> rows = MusicianBalance.rows(loaded, line -> {
                    err.println("train: " + line);
                    err.flush();
                });
                Path file = MusicianBalance.train(rows, out);
                stdout.println(String.format(Locale.ROOT, "  %-22s learned from %d musician sessions (%d stems)  %s", "balance",
                        rows.size(), rows.stream().mapToInt(r -> r.labels().length).sum(), file));
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("neuromix train: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        } catch (AudioFileException e) {
            throw new IllegalStateException("generated audio was unreadable: " + e.getMessage(), e);
        }
    }
}
