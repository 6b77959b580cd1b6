package org.neuromix.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.separation.ChunkedSeparation;
import org.neuromix.engine.separation.Separator;
import org.neuromix.engine.separation.Separators;
import org.neuromix.engine.separation.Stem;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code neuromix separate MIX -o DIR}: split a stereo song into vocals, drums, bass and other. */
@Command(name = "separate",
        mixinStandardHelpOptions = true,
        description = {
            "Split a song into four stems: vocals.wav, drums.wav, bass.wav and other.wav (32-bit float WAV,",
            "the input's sample rate, stereo). The stems add up to the input. Mono input is duplicated to",
            "both channels; more than two channels are downmixed to stereo first. Long files are processed",
            "in overlapping chunks, so memory does not grow with the song's length.",
            "",
            "Exit codes: 0 done; 2 bad input; 1 internal error."
        })
final class SeparateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MIX", description = "The song to split (any format FFmpeg reads).")
    Path mix;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Folder for the four stems.")
    Path output;

    @Option(names = "--method", defaultValue = Separators.DEFAULT_METHOD, paramLabel = "METHOD",
            description = "learned (the shipped models, as the service uses), dsp (built-in, no model files),"
                    + " learned:DIR (models from train-separator), or onnx:PATH (input [1, 2, T], output [1, 4, 2, T];"
                    + " see docs/separation.md) (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--chunk-seconds", defaultValue = "" + ChunkedSeparation.DEFAULT_CHUNK_SECONDS, paramLabel = "S",
            description = "Core length of each chunk in seconds (default: ${DEFAULT-VALUE}).")
    double chunkSeconds;

    @Mixin
    OutputOptions outputOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Separator separator;
        try {
            separator = Separators.forMethod(method);
        } catch (IllegalArgumentException e) {
            err.println("neuromix separate: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        if (!(chunkSeconds >= 1 && chunkSeconds <= 600)) {
            err.println("neuromix separate: --chunk-seconds must be in [1, 600]");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        if (Files.exists(output) && !Files.isDirectory(output)) {
            err.println("neuromix separate: " + output + " exists and is not a folder");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        long started = System.nanoTime();
        Progress progress = outputOptions.progress();
        ChunkedSeparation.Result result;
        try {
            result = ChunkedSeparation.separateFile(separator, mix, output, chunkSeconds, progress);
            progress.finish();
        } catch (AudioFileException e) {
            progress.abandon();
            err.println("neuromix separate: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        } catch (IOException e) {
            progress.abandon();
            err.println("neuromix separate: cannot write the stems to " + output + ": " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        result.notes().forEach(note -> outputOptions.say("Note: " + note));
        Map<String, Object> stems = new LinkedHashMap<>();
        for (Stem stem : Stem.values()) {
            Path file = output.resolve(stem.fileName());
            stems.put(stem.fileStem(), file.toString());
            outputOptions.say(file.toString());
        }
        double realTime = result.seconds() / Math.max(seconds, 1e-9);
        outputOptions.say(String.format(Locale.ROOT, "Separated %.2f s of audio with %s in %.1f s (%.1fx real time).",
                result.seconds(), separator.name(), seconds, realTime));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("input", mix.toString());
        json.put("method", separator.name());
        json.put("stems", stems);
        json.put("audioSeconds", result.seconds());
        json.put("sampleRateHz", result.sampleRateHz());
        json.put("inputChannels", result.inputChannels());
        json.put("timings", Map.of("totalSeconds", OutputOptions.secondsSince(started)));
        json.put("realTimeFactor", Math.round(realTime * 10) / 10.0);
        json.put("notes", result.notes());
        outputOptions.printJson(json);
        return 0;
    }
}
