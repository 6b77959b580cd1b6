package org.neuromix.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.separation.ChunkedSeparation;
import org.neuromix.engine.separation.Separator;
import org.neuromix.engine.separation.Separators;
import org.neuromix.engine.separation.Stem;

import picocli.CommandLine.Command;
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

    @Option(names = "--method", defaultValue = "dsp", paramLabel = "METHOD",
            description = "dsp (built-in, no model files; default), learned, learned:DIR (models from train-separator), or onnx:PATH"
                    + " (input [1, 2, T], output [1, 4, 2, T]; see docs/separation.md).")
    String method;

    @Option(names = "--chunk-seconds", defaultValue = "30", paramLabel = "S",
            description = "Core length of each chunk in seconds (default: ${DEFAULT-VALUE}).")
    double chunkSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
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
        ChunkedSeparation.Result result;
        try {
            result = ChunkedSeparation.separateFile(separator, mix, output, chunkSeconds);
        } catch (AudioFileException e) {
            err.println("neuromix separate: " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        } catch (IOException e) {
            err.println("neuromix separate: cannot write the stems to " + output + ": " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        result.notes().forEach(note -> out.println("Note: " + note));
        for (Stem stem : Stem.values()) {
            out.println(output.resolve(stem.fileName()));
        }
        out.println(String.format(Locale.ROOT, "Separated %.2f s of audio with %s in %.1f s (%.1fx real time).",
                result.seconds(), separator.name(), seconds, result.seconds() / Math.max(seconds, 1e-9)));
        return 0;
    }
}
