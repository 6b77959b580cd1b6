package org.neuromix.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.render.RenderException;
import org.neuromix.engine.train.Evaluation;
import org.neuromix.engine.train.GervillRenderer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neuromix eval}: the held-out evaluation on synthetic sessions. */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate the planner on held-out synthetic sessions (seeds never used for training): per-stem",
            "balance error against the reference mix for NeuroMix and two baselines (raw sum of the degraded",
            "stems, equal loudness per stem), NeuroMix's loudness and true-peak compliance, each model output's",
            "error against the reference targets, and the role classifier's accuracy.",
            "",
            "Exit codes: 0 done; 2 bad input; 1 internal error."
        })
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--sessions", defaultValue = "50", paramLabel = "N", description = "Sessions to evaluate (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Selects the held-out seeds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bars", defaultValue = "8", paramLabel = "B", description = "Bars per session (default: ${DEFAULT-VALUE}).")
    int bars;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the table as Markdown (e.g. docs/evaluation.md).")
    Path markdown;

    @Option(names = "--soundfont", paramLabel = "FILE.sf2",
            description = "General MIDI SoundFont to render with (default: the JDK's bank).")
    Path soundfont;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (sessions < 1 || sessions > 10_000 || bars < 1 || bars > 256) {
            err.println("neuromix eval: --sessions must be in [1, 10000] and --bars in [1, 256]");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        if (seed < 0 || seed > 99_999) {
            err.println("neuromix eval: --seed must be in [0, 99999]");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        GervillRenderer renderer = ServiceStorageGuard.generatorRenderer("eval", err, soundfont, "--markdown", markdown);
        if (renderer == null) {
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        try (WorkDirectory workDirectory = new WorkDirectory("neuromix-eval-")) {
            Path work = workDirectory.path();
            Evaluation.Report report = Evaluation.run(sessions, seed, bars, renderer, work);
            String command = "neuromix eval --sessions " + sessions + " --seed " + seed + " --bars " + bars
                    + (soundfont == null ? "" : " --soundfont " + soundfont);
            String table = report.markdown(command);
            out.print(table);
            if (markdown != null) {
                Files.writeString(markdown, "# Evaluation\n\nHeld-out synthetic sessions; see docs/model-card.md for how they"
                        + " are made and what the reference is.\n\n" + table);
            }
            return 0;
        } catch (AudioFileException | RenderException | MixPlanException e) {
            throw new IllegalStateException("the evaluation failed on generated material: " + e.getMessage(), e);
        }
    }
}
