package org.neuromix.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.neuromix.engine.separation.Stem;
import org.neuromix.engine.train.GervillRenderer;
import org.neuromix.engine.train.SeparatorTraining;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neuromix train-separator}: fit the learned separator's mask models on synthetic songs. */
@Command(name = "train-separator",
        mixinStandardHelpOptions = true,
        description = {
            "Train the learned separator's four mask models (XGBoost, one per stem) on synthetic songs whose",
            "stems are known. Only generated audio is used, never the service's storage. Copy the files into",
            "engine/src/main/resources/org/neuromix/engine/separation/ to ship them, or use --method learned:DIR.",
            "",
            "Exit codes: 0 done; 2 bad input; 1 internal error."
        })
final class TrainSeparatorCommand implements Callable<Integer> {
    @Option(names = "--sessions", defaultValue = "24", paramLabel = "N", description = "Songs to generate (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Training seed block, 0-9999 (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bars", defaultValue = "16", paramLabel = "B", description = "Bars per song (default: ${DEFAULT-VALUE}).")
    int bars;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write the model files.")
    Path out;

    @Option(names = "--soundfont", paramLabel = "FILE.sf2",
            description = "General MIDI SoundFont to render with (default: the pinned JDK bank shipped with NeuroMix; held-out banks are refused).")
    Path soundfont;

    @Mixin
    OutputOptions outputOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (sessions < 1 || sessions > 10_000 || bars < 1 || bars > 256 || seed < 0 || seed > 9999) {
            err.println("neuromix train-separator: --sessions must be in [1, 10000], --bars in [1, 256], --seed in [0, 9999]");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        GervillRenderer renderer = ServiceStorageGuard.generatorRenderer("train-separator", err, soundfont, "--out", out);
        if (renderer == null) {
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        Progress progress = outputOptions.progress();
        long start = System.nanoTime();
        SeparatorTraining.Result result;
        try {
            result = SeparatorTraining.train(sessions, seed, bars, renderer, out, progress);
        } catch (IllegalArgumentException e) {
            progress.abandon();
            err.println("neuromix train-separator: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        progress.finish();
        outputOptions.say(String.format(Locale.ROOT, "Trained on %d synthetic songs (%d rows), rendered with %s:",
                result.sessions(), result.rows(), result.soundbank()));
        List<Map<String, Object>> models = new ArrayList<>();
        for (int i = 0; i < result.models().size(); i++) {
            Stem stem = Stem.values()[i];
            outputOptions.say(String.format(Locale.ROOT, "  %s  (training RMSE of the mask %.3f)", result.models().get(i),
                    result.trainingRmse().get(stem)));
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("stem", stem.fileStem());
            model.put("file", result.models().get(i).toString());
            model.put("trainingRmse", OutputOptions.number(result.trainingRmse().get(stem)));
            models.add(model);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sessions", result.sessions());
        json.put("rows", result.rows());
        json.put("soundbank", result.soundbank());
        json.put("models", models);
        json.put("timings", Map.of("totalSeconds", OutputOptions.secondsSince(start)));
        outputOptions.printJson(json);
        return 0;
    }
}
