package org.neuromix.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
import org.neuromix.engine.train.MusicianRoles;
import org.neuromix.engine.planner.RoleClassifier;
import org.neuromix.engine.progress.ProgressListener;
import org.neuromix.engine.train.MusicianBalance;
import org.neuromix.engine.train.MusicianSessions;

import ml.dmlc.xgboost4j.java.XGBoostError;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Option(names = "--role-baseline", paramLabel = "FILE.json",
            description = "A role classifier to score beside the learned one (e.g. the synthetic one that"
                    + " `neuromix train` writes without --musician-sessions). Without it, the shipped one is"
                    + " scored when it never heard the musicians' sessions.")
    Path roleBaseline;

    @Option(names = "--no-synthetic", description = "Leave out the secondary synthetic table.")
    boolean noSynthetic;

    @Mixin
    OutputOptions outputOptions;

    @Spec
    CommandSpec spec;

    /** What --json prints: one entry per part of the evaluation that ran. */
    private final Map<String, Object> json = new LinkedHashMap<>();

    /** The largest package's songs (one bank each, evenly spaced) through the stereo-upload path. */
    private String separated(List<MusicianBalance.Rows> rows, Path work, Progress progress,
                             org.neuromix.engine.progress.ProgressListener fraction) throws IOException,
            AudioFileException, MixPlanException {
        Map<String, Long> counts = rows.stream().filter(r -> !r.session().wholeKit()).collect(Collectors.groupingBy(r -> r.session().source(),
                Collectors.counting()));
        String largest = Collections.max(counts.entrySet(), Map.Entry.comparingByValue()).getKey();
        // A whole-kit session sums to the same song as the one it was derived from.
        List<MusicianBalance.Rows> pool = rows.stream()
                .filter(r -> r.session().source().equals(largest) && !r.session().wholeKit()).toList();
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
        fraction.progress("separated songs", 0);
        SeparatedSongEvaluation.Report report = SeparatedSongEvaluation.run(chosen,
                Separators.forMethod(Separators.DEFAULT_METHOD), models, work, line -> progress.note("eval: " + line), fraction);
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("songs", report.songs());
        part.put("package", largest);
        part.put("separation", Separators.DEFAULT_METHOD);
        part.put("remixToSongMedianLu", OutputOptions.number(MusicianBalance.percentile(report.fromSong(), 0.5)));
        part.put("remixToMusicianMedianLu", OutputOptions.number(MusicianBalance.percentile(report.remixToMusician(), 0.5)));
        part.put("songToMusicianMedianLu", OutputOptions.number(MusicianBalance.percentile(report.songToMusician(), 0.5)));
        part.put("stemsRaisedOver6Lu", report.raisedOver6Lu());
        part.put("absentStems", report.absentStems());
        json.put("separatedSongs", part);
        return report.markdown() + "\nSongs: " + chosen.size() + " of " + largest + ", balance model trained without "
                + largest + ". Command: `neuromix eval --musician-sessions DIR --separated-songs " + separatedSongs + "`\n";
    }

    @Override
    public Integer call() throws IOException {
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
        long start = System.nanoTime();
        Progress progress = outputOptions.progress();
        try (WorkDirectory workDirectory = new WorkDirectory("neuromix-eval-")) {
            Path work = workDirectory.path();
            StringBuilder document = new StringBuilder();
            // Shares of the progress: analysing the musicians' sessions, scoring them fold by fold, the
            // separated songs, the synthetic sessions (only the parts asked for).
            double[] shares = {musicianSessions == null ? 0 : 1, musicianSessions == null ? 0 : 2,
                musicianSessions == null ? 0 : 1, musicianSessions == null || separatedSongs == 0 ? 0 : 1, noSynthetic ? 0 : 2};
            double total = java.util.Arrays.stream(shares).sum();
            double[] from = new double[shares.length + 1];
            for (int i = 0; i < shares.length; i++) {
                from[i + 1] = from[i] + shares[i] / Math.max(1, total);
            }
            if (musicianSessions != null) {
                RoleClassifier baseline;
                try {
                    baseline = roleBaseline == null ? RoleClassifier.bundled() : RoleClassifier.load(roleBaseline);
                } catch (IOException e) {
                    err.println("neuromix eval: --role-baseline " + roleBaseline + ": " + e.getMessage());
                    return NeuroMixCli.EXIT_BAD_INPUT;
                }
                List<MusicianSessions.Session> loaded = MusicianSessions.load(musicianSessions);
                progress.progress("musician sessions", 0);
                List<MusicianBalance.Rows> rows = MusicianBalance.rows(loaded, line -> progress.note("eval: " + line),
                        progress.part(from[0], from[1]));
                MusicianBalance.Report musician = MusicianBalance.evaluate(rows, !fast, true, work.resolve("musician"),
                        line -> progress.note("eval: " + line), progress.part(from[1], from[2]));
                String table = musician.markdown("neuromix eval --musician-sessions DIR" + (fast ? " --fast" : "")
                        + (noSynthetic ? " --no-synthetic" : ""));
                outputOptions.say(table.stripTrailing());
                document.append(table).append('\n');
                json.put("musician", musicianJson(musician));
                List<MusicianRoles.Rows> roleRows = MusicianRoles.rows(loaded, line -> progress.note("eval: " + line),
                        ProgressListener.NONE);
                MusicianRoles.Report roles = MusicianRoles.evaluate(roleRows, baseline, true,
                        line -> progress.note("eval: " + line), progress.part(from[2], from[3]));
                String rolesTable = roles.markdown("neuromix eval --musician-sessions DIR");
                outputOptions.say(rolesTable.stripTrailing());
                document.append(rolesTable).append('\n');
                json.put("musicianRoles", rolesJson(roles));
                if (separatedSongs > 0) {
                    String separatedTable = separated(rows, work.resolve("separated"), progress, progress.part(from[3], from[4]));
                    outputOptions.say(separatedTable.stripTrailing());
                    document.append(separatedTable).append('\n');
                }
            }
            if (!noSynthetic) {
                Evaluation.Report report = Evaluation.run(sessions, seed, bars, renderer, work.resolve("synthetic"),
                        progress.part(from[4], from[5]));
                String command = "neuromix eval --sessions " + sessions + " --seed " + seed + " --bars " + bars
                        + (soundfont == null ? "" : " --soundfont " + soundfont);
                String table = "## Secondary: synthetic sessions against the written conventions\n\n"
                        + "This grades the planner against the same written table (`MixingNorms`) that the synthetic"
                        + " training imitates, so it cannot tell whether the balance is a musician's.\n\n"
                        + report.markdown(command);
                outputOptions.say(table.stripTrailing());
                document.append(table);
                json.put("synthetic", syntheticJson(report, command));
            }
            progress.finish();
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
            json.put("markdownFile", markdown == null ? null : markdown.toString());
            json.put("markdown", document.toString());
            json.put("timings", Map.of("totalSeconds", OutputOptions.secondsSince(start)));
            outputOptions.printJson(json);
            return 0;
        } catch (IllegalArgumentException e) {
            progress.abandon();
            err.println("neuromix eval: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        } catch (AudioFileException | RenderException | MixPlanException e) {
            progress.abandon();
            throw new IllegalStateException("the evaluation failed on generated material: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> rolesJson(MusicianRoles.Report report) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("sessions", report.sessions());
        part.put("stems", report.learned().stems());
        part.put("learnedRight", OutputOptions.number(report.learned().share()));
        part.put("baseline", report.baselineName());
        part.put("baselineRight", report.baseline() == null ? null : OutputOptions.number(report.baseline().share()));
        Map<String, Object> banks = new LinkedHashMap<>();
        report.leaveOneBankOut().forEach((bank, v) -> banks.put(bank, Map.of("withBank", OutputOptions.number(v[0]),
                "withoutBank", OutputOptions.number(v[1]))));
        part.put("leaveOneBankOut", banks);
        return part;
    }

    private static Map<String, Object> musicianJson(MusicianBalance.Report report) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("sessions", report.sessions());
        part.put("songs", report.songs());
        part.put("packages", List.copyOf(report.sources()));
        part.put("throughPlanner", report.throughPlanner());
        part.put("neuromix", errorsJson(report.neuromix()));
        part.put("equalLoudness", errorsJson(report.equal()));
        Map<String, Object> banks = new LinkedHashMap<>();
        report.leaveOneBankOut().forEach((bank, medians) -> banks.put(bank,
                Map.of("withBankMedianLu", medians[0], "withoutBankMedianLu", medians[1])));
        part.put("leaveOneBankOut", banks);
        return part;
    }

    private static Map<String, Object> errorsJson(MusicianBalance.Errors errors) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("medianErrorLu", OutputOptions.number(errors.median()));
        object.put("p90ErrorLu", OutputOptions.number(errors.p90()));
        object.put("stems", errors.stems());
        return object;
    }

    private static Map<String, Object> syntheticJson(Evaluation.Report report, String command) {
        Map<String, Object> part = new LinkedHashMap<>();
        part.put("sessions", report.sessions());
        part.put("soundbank", report.soundbank());
        part.put("styles", report.styles());
        List<Map<String, Object>> methods = new ArrayList<>();
        for (Evaluation.MethodScore score : report.scores()) {
            Map<String, Object> method = new LinkedHashMap<>();
            method.put("method", score.method());
            method.put("medianErrorLu", OutputOptions.number(score.medianErrorLu()));
            method.put("p90ErrorLu", OutputOptions.number(score.p90ErrorLu()));
            method.put("stems", score.stems());
            method.put("meanMrStft", OutputOptions.number(score.meanMrStft()));
            methods.add(method);
        }
        part.put("methods", methods);
        part.put("maxLoudnessErrorLu", OutputOptions.number(report.maxLoudnessErrorLu()));
        part.put("truePeakCompliance", OutputOptions.number(report.truePeakCompliance()));
        part.put("maxTruePeakDbtp", OutputOptions.number(report.maxTruePeakDbtp()));
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (Evaluation.ParameterScore p : report.parameters()) {
            Map<String, Object> parameter = new LinkedHashMap<>();
            parameter.put("output", p.output());
            parameter.put("unit", p.unit());
            parameter.put("modelMae", OutputOptions.number(p.modelMae()));
            parameter.put("popConventionsMae", OutputOptions.number(p.popConventionsMae()));
            parameter.put("stems", p.stems());
            parameters.add(parameter);
        }
        part.put("parameters", parameters);
        if (report.roles() != null) {
            Map<String, Object> roles = new LinkedHashMap<>();
            roles.put("stems", report.roles().stems());
            roles.put("audioAccuracy", OutputOptions.number(report.roles().audioAccuracy()));
            roles.put("degradedAudioAccuracy", OutputOptions.number(report.roles().degradedAudioAccuracy()));
            roles.put("combinedAccuracy", OutputOptions.number(report.roles().combinedAccuracy()));
            part.put("roles", roles);
        }
        part.put("command", command);
        return part;
    }
}
