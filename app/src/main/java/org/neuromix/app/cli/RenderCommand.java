package org.neuromix.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.loudness.LoudnessMeasurement;
import org.neuromix.engine.daw.ReaperExport;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.plan.MixPlanJson;
import org.neuromix.engine.render.RenderException;
import org.neuromix.engine.render.RenderResult;
import org.neuromix.engine.render.Renderer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neuromix render}: executes a mix plan on a folder of stems. */
@Command(name = "render",
        mixinStandardHelpOptions = true,
        description = {
            "Render a mix plan: each stem through its channel strip (gate, EQ, compressor, de-esser,",
            "fader, pan, sends), effect buses, master EQ and compressor, loudness normalisation to the",
            "plan's target and a true-peak limiter. The output is written only when the render succeeds.",
            "",
            "Exit codes: 0 rendered; 2 bad input (plan, stems or output name); 1 internal error."
        })
final class RenderCommand implements Callable<Integer> {
    @Option(names = "--plan", required = true, paramLabel = "PLAN.json", description = "The mix plan (see docs/mixplan.md).")
    Path plan;

    @Option(names = "--stems", required = true, paramLabel = "DIR", description = "Folder holding the stems the plan names.")
    Path stems;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.wav",
            description = "The mix to write: .wav (16/24/32-bit float per the plan) or .flac (16/24-bit).")
    Path output;

    @Option(names = "--stems-out", paramLabel = "DIR",
            description = "Also write each processed track (after its strip and fader, before the master) as a WAV.")
    Path stemsOut;

    @Option(names = "--reaper", paramLabel = "DIR",
            description = "Also write a REAPER session into DIR (a new or empty folder): each processed track on its own track"
                    + " at the plan's fader, polarity and pan, the reverb return as a track, the plan in the project notes.")
    Path reaper;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Mixin
    OutputOptions outputOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (threads != null && threads < 1) {
            err.println("neuromix render: --threads must be at least 1, was " + threads);
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        String reaperRefusal = ReaperFolders.refusal(reaper);
        if (reaperRefusal != null) {
            err.println("neuromix render: --reaper " + reaperRefusal);
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        long start = System.nanoTime();
        Progress progress = outputOptions.progress();
        RenderResult result;
        Path items = reaper == null ? null : Files.createTempDirectory("neuromix-reaper-");
        try {
            MixPlan mixPlan = MixPlanJson.read(plan);
            Renderer renderer = new Renderer(threads == null ? Runtime.getRuntime().availableProcessors() : threads, progress);
            result = renderer.render(mixPlan, stems, output, stemsOut, null, items);
            if (reaper != null) {
                ReaperExport.Result session = ReaperExport.fromItems(mixPlan, mixPlan, items, result, reaper,
                        ReaperFolders.title(output));
                outputOptions.say("REAPER session: " + session.project());
            }
            progress.finish();
        } catch (NoSuchFileException e) {
            progress.abandon();
            err.println("neuromix render: " + plan + ": no such file");
            return NeuroMixCli.EXIT_BAD_INPUT;
        } catch (MixPlanException e) {
            progress.abandon();
            err.println("neuromix render: " + plan + ": " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        } catch (RenderException | AudioFileException e) {
            progress.abandon();
            err.println("neuromix render: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        } finally {
            if (items != null) {
                org.neuromix.app.storage.WorkFolders.deleteTree(items);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LoudnessMeasurement m = result.measurement();
        outputOptions.say(String.format(Locale.ROOT, "Rendered %s: %.1f s of audio in %.1f s (%.0fx real time)",
                output, result.durationSeconds(), seconds, result.durationSeconds() / seconds));
        outputOptions.say(String.format(Locale.ROOT,
                "  integrated %.2f LUFS, true peak %.2f dBTP, range %.1f LU; normalisation %+.2f dB, limiter %.1f dB, %d pass%s",
                m.integratedLufs(), m.truePeakDbtp(), m.loudnessRangeLu(), result.normalisationGainDb(),
                result.limiterReductionDb(), result.passes(), result.passes() == 1 ? "" : "es"));
        for (Path stem : result.stemFiles()) {
            outputOptions.say("  stem: " + stem);
        }
        result.notes().forEach(note -> outputOptions.say("Note: " + note));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("output", output.toString());
        json.put("plan", plan.toString());
        json.put("stemsFolder", stems.toString());
        json.put("durationSeconds", result.durationSeconds());
        json.put("measurement", measurement(m));
        json.put("normalisationGainDb", OutputOptions.number(result.normalisationGainDb()));
        json.put("limiterReductionDb", OutputOptions.number(result.limiterReductionDb()));
        json.put("passes", result.passes());
        json.put("stemFiles", result.stemFiles().stream().map(Path::toString).toList());
        json.put("reaperFolder", reaper == null ? null : reaper.toString());
        json.put("timings", Map.of("totalSeconds", OutputOptions.secondsSince(start)));
        json.put("notes", result.notes());
        outputOptions.printJson(json);
        return 0;
    }

    /** A mix's loudness readings for JSON (null where undefined), as the report and mix --json write them. */
    static Map<String, Object> measurement(LoudnessMeasurement m) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("integratedLufs", OutputOptions.number(m.integratedLufs()));
        object.put("truePeakDbtp", OutputOptions.number(m.truePeakDbtp()));
        object.put("loudnessRangeLu", OutputOptions.number(m.loudnessRangeLu()));
        object.put("samplePeakDbfs", OutputOptions.number(m.samplePeakDbfs()));
        object.put("maxMomentaryLufs", OutputOptions.number(m.maxMomentaryLufs()));
        object.put("maxShortTermLufs", OutputOptions.number(m.maxShortTermLufs()));
        return object;
    }
}
