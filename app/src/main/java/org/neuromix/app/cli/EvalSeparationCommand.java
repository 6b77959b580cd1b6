package org.neuromix.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.neuromix.engine.separation.Separator;
import org.neuromix.engine.separation.Separators;
import org.neuromix.engine.separation.Stem;
import org.neuromix.engine.train.GervillRenderer;
import org.neuromix.engine.train.SeparationEvaluation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neuromix eval-separation}: stem separation scored on held-out synthetic songs. */
@Command(name = "eval-separation",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate stem separation on held-out synthetic songs (seeds never used for training): the song's",
            "parts summed by role into vocals, drums, bass and other are the references, their sum the mixture.",
            "Reports SDR (BSS Eval v4 as museval computes it: median over one-second windows, then over songs)",
            "and SI-SDR per stem for each separator and for the mixture-as-estimate baseline.",
            "",
            "Exit codes: 0 done; 2 bad input; 1 internal error."
        })
final class EvalSeparationCommand implements Callable<Integer> {
    static final String SECTION = "## Stem separation";

    @Option(names = "--sessions", defaultValue = "20", paramLabel = "N", description = "Songs to evaluate (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Selects the held-out seeds (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--bars", defaultValue = "16", paramLabel = "B", description = "Bars per song (default: ${DEFAULT-VALUE}).")
    int bars;

    @Option(names = "--method", paramLabel = "METHOD", split = ",", defaultValue = Separators.DEFAULT_METHOD,
            description = "Separators to score: learned, dsp, learned:DIR, onnx:PATH. Repeatable or comma-separated"
                    + " (default: ${DEFAULT-VALUE}, as the service separates).")
    List<String> methods;

    @Option(names = "--markdown", paramLabel = "FILE",
            description = "Also write the table into FILE (e.g. docs/evaluation.md) as its '" + SECTION + "' section,"
                    + " keeping the rest of the file.")
    Path markdown;

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
        if (sessions < 1 || sessions > 10_000 || bars < 4 || bars > 256) {
            err.println("neuromix eval-separation: --sessions must be in [1, 10000] and --bars in [4, 256]");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        if (seed < 0 || seed > 99_999) {
            err.println("neuromix eval-separation: --seed must be in [0, 99999]");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        List<Separator> separators = new ArrayList<>();
        List<String> chosen = methods == null || methods.isEmpty() ? List.of(Separators.DEFAULT_METHOD) : methods;
        try {
            for (String method : chosen) {
                separators.add(Separators.forMethod(method));
            }
        } catch (IllegalArgumentException e) {
            err.println("neuromix eval-separation: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        GervillRenderer renderer = ServiceStorageGuard.generatorRenderer("eval-separation", err, soundfont, "--markdown", markdown);
        if (renderer == null) {
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        long start = System.nanoTime();
        Progress progress = outputOptions.progress();
        SeparationEvaluation.Report report = SeparationEvaluation.run(sessions, seed, bars, renderer, separators,
                line -> progress.note("eval-separation: " + line), progress);
        progress.finish();
        StringBuilder command = new StringBuilder("neuromix eval-separation --sessions " + sessions + " --seed " + seed
                + " --bars " + bars);
        command.append(" --method ").append(String.join(",", chosen));
        if (soundfont != null) {
            command.append(" --soundfont ").append(soundfont);
        }
        String table = report.markdown(command.toString());
        outputOptions.say(table.stripTrailing());
        if (markdown != null) {
            String intro = SECTION + "\n\nHeld-out synthetic songs separated into vocals, drums, bass and other; the"
                    + " mixture-as-estimate baseline is scored in the same run. Written by `neuromix eval-separation`.\n\n";
            writeSection(markdown, intro + table);
        }
        outputOptions.printJson(json(report, command.toString(), table, start));
        return 0;
    }

    private Map<String, Object> json(SeparationEvaluation.Report report, String command, String table, long start) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sessions", report.sessions());
        json.put("seed", report.seed());
        json.put("bars", report.bars());
        json.put("audioSeconds", report.seconds());
        json.put("soundbank", report.soundbank());
        List<Map<String, Object>> scores = new ArrayList<>();
        for (SeparationEvaluation.MethodScore score : report.methods()) {
            Map<String, Object> method = new LinkedHashMap<>();
            method.put("method", score.method());
            method.put("meanSdrDb", OutputOptions.number(score.meanSdrDb()));
            method.put("gainOverMixtureDb", OutputOptions.number(score.meanSdrDb() - report.baseline().meanSdrDb()));
            Map<String, Object> sdr = new LinkedHashMap<>(), siSdr = new LinkedHashMap<>(), tracks = new LinkedHashMap<>();
            for (Stem stem : Stem.values()) {
                sdr.put(stem.fileStem(), OutputOptions.number(score.sdrDb().get(stem)));
                siSdr.put(stem.fileStem(), OutputOptions.number(score.siSdrDb().get(stem)));
                tracks.put(stem.fileStem(), score.tracks().get(stem));
            }
            method.put("sdrDb", sdr);
            method.put("siSdrDb", siSdr);
            method.put("tracks", tracks);
            method.put("realTimeFactor", score.method().equals(SeparationEvaluation.MIXTURE) ? null
                    : OutputOptions.number(score.realTimeFactor()));
            scores.add(method);
        }
        json.put("methods", scores);
        json.put("command", command);
        json.put("markdownFile", markdown == null ? null : markdown.toString());
        json.put("markdown", table);
        json.put("timings", Map.of("totalSeconds", OutputOptions.secondsSince(start)));
        return json;
    }

    /** Replaces the file's {@value #SECTION} section (up to the next "## " heading) or appends it. */
    static void writeSection(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file) : "# Evaluation\n";
        int start = text.indexOf(SECTION + "\n");
        String updated;
        if (start < 0) {
            updated = text + (text.endsWith("\n") ? "\n" : "\n\n") + section;
        } else {
            int end = text.indexOf("\n## ", start + SECTION.length());
            updated = text.substring(0, start) + section + (end < 0 ? "" : "\n" + text.substring(end + 1));
        }
        Files.writeString(file, updated);
    }
}
