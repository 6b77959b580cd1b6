package org.neuromix.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.loudness.FileLoudness;
import org.neuromix.engine.loudness.FileLoudnessAnalyzer;
import org.neuromix.engine.loudness.LoudnessMeasurement;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code neuromix analyze FILE...}: EBU R128 / BS.1770-4 loudness and peaks of audio files. */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Measure audio files per ITU-R BS.1770-4 / EBU R128: integrated loudness, loudness range,",
            "true peak (4x oversampled), sample peak, maximum momentary and short-term loudness.",
            "Reads any format FFmpeg reads (WAV, AIFF, FLAC, MP3, Ogg Vorbis, Opus, AAC/M4A, ...).",
            "",
            "Exit codes: 0 all files measured; 2 some file was bad input (the others are still measured)."
        })
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Audio files to measure.")
    List<Path> files;

    @Option(names = "--json", description = "Print JSON: one object per file (an array for several files).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<FileLoudness> results = new ArrayList<>();
        boolean badInput = false;
        for (Path file : files) {
            try {
                results.add(FileLoudnessAnalyzer.analyze(file));
            } catch (AudioFileException e) {
                err.println("neuromix analyze: " + e.getMessage());
                badInput = true;
            }
        }
        List<String> notes = notes(results);
        if (json) {
            printJson(out, results);
            notes.forEach(note -> err.println("note: " + note));
        } else {
            printTable(out, results);
            if (!notes.isEmpty()) {
                out.println();
                notes.forEach(note -> out.println("Note: " + note));
            }
        }
        out.flush();
        return badInput ? NeuroMixCli.EXIT_BAD_INPUT : 0;
    }

    private static List<String> notes(List<FileLoudness> results) {
        List<String> notes = new ArrayList<>();
        for (FileLoudness result : results) {
            LoudnessMeasurement m = result.measurement();
            String file = result.info().file().toString();
            if (m.isSilent()) {
                notes.add(file + ": no audio above the -70 LUFS absolute gate (silence or under 400 ms),"
                        + " so integrated loudness is undefined (null)");
            } else if (Double.isNaN(m.loudnessRangeLu())) {
                notes.add(file + ": shorter than the 3 s short-term window, so loudness range and maximum"
                        + " short-term loudness are undefined (null)");
            }
        }
        return notes;
    }

    private void printJson(PrintWriter out, List<FileLoudness> results) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (FileLoudness result : results) {
            LoudnessMeasurement m = result.measurement();
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("file", result.info().file().toString());
            object.put("format", result.info().format());
            object.put("sampleRate", result.info().sampleRate());
            object.put("channels", result.info().channels());
            object.put("durationSeconds", round(result.durationSeconds(), 6));
            object.put("integratedLufs", round(m.integratedLufs(), 3));
            object.put("loudnessRangeLu", round(m.loudnessRangeLu(), 3));
            object.put("truePeakDbtp", round(m.truePeakDbtp(), 3));
            object.put("samplePeakDbfs", round(m.samplePeakDbfs(), 3));
            object.put("maxMomentaryLufs", round(m.maxMomentaryLufs(), 3));
            object.put("maxShortTermLufs", round(m.maxShortTermLufs(), 3));
            objects.add(object);
        }
        JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Object document = files.size() == 1 && objects.size() == 1 ? objects.get(0) : objects;
        if (files.size() == 1 && objects.isEmpty()) {
            return; // the one file was bad input; the error is on stderr
        }
        out.println(mapper.writeValueAsString(document));
    }

    /** Rounded for output; null for undefined readings (NaN, or -Infinity for digital silence). */
    private static Double round(double value, int decimals) {
        Double defined = LoudnessMeasurement.defined(value);
        if (defined == null) {
            return null;
        }
        double scale = Math.pow(10, decimals);
        return Math.round(defined * scale) / scale;
    }

    private static void printTable(PrintWriter out, List<FileLoudness> results) {
        if (results.isEmpty()) {
            return;
        }
        String header = String.format(Locale.ROOT, "%-14s %6s %3s %10s %12s %8s %10s %12s %10s %10s  %s",
                "Format", "Rate", "Ch", "Duration", "Integrated", "LRA", "True peak", "Sample peak", "Max M", "Max S", "File");
        out.println(header);
        out.println(String.format(Locale.ROOT, "%-14s %6s %3s %10s %12s %8s %10s %12s %10s %10s",
                "", "Hz", "", "", "LUFS", "LU", "dBTP", "dBFS", "LUFS", "LUFS"));
        for (FileLoudness result : results) {
            LoudnessMeasurement m = result.measurement();
            out.println(String.format(Locale.ROOT, "%-14s %6d %3d %10s %12s %8s %10s %12s %10s %10s  %s",
                    result.info().format(), result.info().sampleRate(), result.info().channels(),
                    duration(result.durationSeconds()), number(m.integratedLufs()), number(m.loudnessRangeLu()),
                    number(m.truePeakDbtp()), number(m.samplePeakDbfs()), number(m.maxMomentaryLufs()),
                    number(m.maxShortTermLufs()), result.info().file()));
        }
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (Double.isInfinite(value)) {
            return value < 0 ? "-inf" : "inf";
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String duration(double seconds) {
        long minutes = (long) (seconds / 60);
        return String.format(Locale.ROOT, "%d:%06.3f", minutes, seconds - minutes * 60);
    }
}
