package org.neuromix.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.Callable;

import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.render.RenderException;
import org.neuromix.engine.train.Evaluation;
import org.neuromix.engine.planner.MixFeatures;
import org.neuromix.engine.planner.MixModels;
import org.neuromix.engine.planner.TreeModel;
import org.neuromix.engine.separation.Separators;
import org.neuromix.engine.train.GervillRenderer;
import org.neuromix.engine.train.HeldOutMaterial;
import org.neuromix.engine.train.SeparatedSongEvaluation;
import org.neuromix.engine.train.MusicianBalance;
import org.neuromix.engine.train.MusicianSessions;

import ml.dmlc.xgboost4j.java.XGBoostError;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neuromix eval}: the balance against musicians' own on sessions held out by package, with
 * the equal-loudness baseline beside it; the synthetic table as a secondary line.
 */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "With --musician-sessions DIR (made by build-sessions): score the planner against the musicians'",
            "own balance, every song mixed by a model trained without its package, stems given a ±12 dB gain",
            "error; the equal-loudness baseline beside it, per-role signed bias, per package and per bank, and",
            "leave-one-bank-out. Then, secondary (it grades against the written conventions the synthetic",
            "training imitates): held-out synthetic sessions (seeds never used for training): per-stem",
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
            description = "General MIDI SoundFont to render with (default: the pinned JDK bank shipped with NeuroMix; held-out banks are refused).")
    Path soundfont;

    @Option(names = "--musician-sessions", paramLabel = "DIR",
            description = "Sessions made by build-sessions: the primary, honest evaluation.")
    Path musicianSessions;

    @Option(names = "--fast", description = "Score the balance model's predictions instead of mixing every session with the planner.")
    boolean fast;

    @Option(names = "--separated-songs", defaultValue = "0", paramLabel = "N",
            description = "Also remix N musician songs through the stereo-upload path: summed, separated (learned), mixed"
                    + " by a model trained without their package (default: ${DEFAULT-VALUE}).")
    int separatedSongs;

    @Option(names = "--no-synthetic", description = "Leave out the secondary synthetic table.")
    boolean noSynthetic;

    @Spec
    CommandSpec spec;

    /** The largest package's songs (one bank each, evenly spaced) through the stereo-upload path. */
    private String separated(List<MusicianBalance.Rows> rows, Path work, PrintWriter err) throws IOException,
            AudioFileException, MixPlanException {
        Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(r -> r.session().source(),
                Collectors.counting()));
        String largest = Collections.max(counts.entrySet(), Map.Entry.comparingByValue()).getKey();
        List<MusicianBalance.Rows> pool = rows.stream().filter(r -> r.session().source().equals(largest)).toList();
        List<MusicianSessions.Session> chosen = new ArrayList<>();
        for (int i = 0; i < Math.min(separatedSongs, pool.size()); i++) {
            chosen.add(pool.get((int) ((long) i * pool.size() / Math.min(separatedSongs, pool.size()))).session());
        }
        MixModels models;
        try {
            models = MixModels.bundled().withBalance(TreeModel.of(
                    MusicianBalance.fit(rows.stream().filter(r -> !r.session().source().equals(largest)).toList()),
                    "fold without " + largest, MixFeatures.NAMES));
        } catch (XGBoostError e) {
            throw new IOException("training the fold failed: " + e.getMessage(), e);
        }
        SeparatedSongEvaluation.Report report = SeparatedSongEvaluation.run(chosen, Separators.forMethod("learned"), models,
                work, line -> progress(err, line));
        return report.markdown() + "\nSongs: " + chosen.size() + " of " + largest + ", balance model trained without "
                + largest + ". Command: `neuromix eval --musician-sessions DIR --separated-songs " + separatedSongs + "`\n";
    }

    private static void progress(PrintWriter err, String line) {
        err.println("eval: " + line);
        err.flush();
    }

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
        String musicianRefusal = musicianSessions == null ? null
                : HeldOutMaterial.refusal(musicianSessions);
        if (musicianRefusal == null && musicianSessions != null) {
            musicianRefusal = ServiceStorageGuard.fromEnvironment().refusal("--musician-sessions", musicianSessions);
        }
        if (musicianRefusal != null) {
            err.println("neuromix eval: " + musicianRefusal);
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        try (WorkDirectory workDirectory = new WorkDirectory("neuromix-eval-")) {
            Path work = workDirectory.path();
            StringBuilder document = new StringBuilder();
            if (musicianSessions != null) {
                List<MusicianSessions.Session> loaded = MusicianSessions.load(musicianSessions);
                List<MusicianBalance.Rows> rows = MusicianBalance.rows(loaded, line -> progress(err, line));
                MusicianBalance.Report musician = MusicianBalance.evaluate(rows, !fast, true, work.resolve("musician"),
                        line -> progress(err, line));
                String table = musician.markdown("neuromix eval --musician-sessions DIR" + (fast ? " --fast" : "")
                        + (noSynthetic ? " --no-synthetic" : ""));
                out.print(table);
                out.flush();
                document.append(table).append('\n');
                if (separatedSongs > 0) {
                    String separatedTable = separated(rows, work.resolve("separated"), err);
                    out.print(separatedTable);
                    out.flush();
                    document.append(separatedTable).append('\n');
                }
            }
            if (!noSynthetic) {
                Evaluation.Report report = Evaluation.run(sessions, seed, bars, renderer, work.resolve("synthetic"));
                String command = "neuromix eval --sessions " + sessions + " --seed " + seed + " --bars " + bars
                        + (soundfont == null ? "" : " --soundfont " + soundfont);
                String table = "## Secondary: synthetic sessions against the written conventions\n\n"
                        + "This grades the planner against the same written table (`MixingNorms`) that the synthetic"
                        + " training imitates, so it cannot tell whether the balance is a musician's.\n\n"
                        + report.markdown(command);
                out.print(table);
                document.append(table);
            }
            if (markdown != null) {
                // The separation section belongs to eval-separation: kept as it is.
                String kept = "";
                if (Files.exists(markdown)) {
                    String previous = Files.readString(markdown);
                    int separation = previous.indexOf("\n## Stem separation\n");
                    kept = separation < 0 ? "" : previous.substring(separation);
                }
                Files.writeString(markdown, "# Evaluation\n\nSee docs/model-card.md for the data, the splits and what each"
                        + " reference is.\n\n" + document + kept);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("neuromix eval: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        } catch (AudioFileException | RenderException | MixPlanException e) {
            throw new IllegalStateException("the evaluation failed on generated material: " + e.getMessage(), e);
        }
    }
}
