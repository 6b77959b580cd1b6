package org.neuromix.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.progress.ProgressListener;
import org.neuromix.engine.train.GervillRenderer;
import org.neuromix.engine.train.ModelTraining;
import org.neuromix.engine.train.MusicianBalance;
import org.neuromix.engine.train.MusicianRoles;
import org.neuromix.engine.train.MusicianSessions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neuromix train}: fit the planner's models on generated sessions (never on user audio). */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Generate synthetic sessions (training seeds only) and fit all of the planner's models with XGBoost:",
            "balance, pan, high-pass, low shelf, low-mid, high shelf, compressor ratio and threshold, and the",
            "audio role classifier. With --musician-sessions, the balance model and the role classifier are",
            "learned from those sessions instead. Writes one JSON file per model to DIR; copy them to",
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
            description = "Sessions made by build-sessions: the balance model is learned from the musicians' own balances,"
                    + " the role classifier from their stems' true roles.")
    Path musicianSessions;

    @Mixin
    OutputOptions outputOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
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
        Progress progress = outputOptions.progress();
        try (WorkDirectory workDirectory = new WorkDirectory("neuromix-train-")) {
            Path work = workDirectory.path();
            long start = System.nanoTime();
            // Generating the sessions is nearly all of the work; the musicians' balance, when asked for, is quick to fit.
            ModelTraining.Result result = ModelTraining.train(sessions, seed, bars, renderer, work, out,
                    musicianSessions == null ? progress : progress.part(0, 0.9));
            List<Map<String, Object>> models = new ArrayList<>();
            List<String> lines = new ArrayList<>();
            for (ModelTraining.ModelFit fit : result.models()) {
                lines.add(String.format(Locale.ROOT, "  %-22s training %s %.3f  %s", fit.what(), fit.unit(),
                        fit.trainingError(), fit.file()));
                Map<String, Object> model = new LinkedHashMap<>();
                model.put("model", fit.what());
                model.put("file", fit.file().toString());
                model.put("rows", fit.rows());
                model.put("trainingError", OutputOptions.number(fit.trainingError()));
                model.put("unit", fit.unit());
                models.add(model);
            }
            if (musicianSessions != null) {
                progress.progress("musician sessions", Double.NaN);
                List<MusicianSessions.Session> loaded = MusicianSessions.load(musicianSessions);
                List<MusicianBalance.Rows> rows = MusicianBalance.rows(loaded, line -> progress.note("train: " + line));
                Path file = MusicianBalance.train(rows, out);
                int stems = rows.stream().mapToInt(r -> r.labels().length).sum();
                lines.add(String.format(Locale.ROOT, "  %-22s learned from %d musician sessions (%d stems)  %s", "balance",
                        rows.size(), stems, file));
                models.add(Map.of("model", "balance (musicians)", "file", file.toString(), "sessions", rows.size(),
                        "stems", stems));
                // The musicians' sessions have several banks, real samples and vocals: their role
                // classifier replaces the synthetic one (docs/evaluation.md measures both on unheard songs).
                List<MusicianRoles.Rows> roleRows = MusicianRoles.rows(loaded, line -> progress.note("train: " + line),
                        ProgressListener.NONE);
                ModelTraining.ModelFit roles = MusicianRoles.train(roleRows, out);
                lines.add(String.format(Locale.ROOT, "  %-22s learned from %d musician sessions, replacing the synthetic one"
                        + " (training %s %.3f)  %s", "role classifier", roleRows.size(), roles.unit(), roles.trainingError(),
                        roles.file()));
                models.add(Map.of("model", "role classifier (musicians)", "file", roles.file().toString(),
                        "sessions", roleRows.size(), "stems", roles.rows(),
                        "trainingError", OutputOptions.number(roles.trainingError())));
            }
            progress.finish();
            outputOptions.say(String.format(Locale.ROOT, "Trained on %d stems of %d sessions rendered with %s in %.0f s:",
                    result.stems(), result.sessions(), result.soundbank(), (System.nanoTime() - start) / 1e9));
            lines.forEach(outputOptions::say);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("sessions", result.sessions());
            json.put("stems", result.stems());
            json.put("soundbank", result.soundbank());
            json.put("models", models);
            json.put("timings", Map.of("totalSeconds", OutputOptions.secondsSince(start)));
            outputOptions.printJson(json);
            return 0;
        } catch (IllegalArgumentException e) {
            progress.abandon();
            err.println("neuromix train: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        } catch (AudioFileException e) {
            progress.abandon();
            throw new IllegalStateException("generated audio was unreadable: " + e.getMessage(), e);
        }
    }
}
