package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Progress of a long command: a bar that reaches 100 % on a terminal, periodic plain lines in a
 * file, nothing with --quiet. {@code separate} with 1 s chunks over a 10 s song reports ten steps.
 */
class ProgressTest {
    @TempDir
    static Path directory;
    static Path song;

    @BeforeAll
    static void writeSong() throws Exception {
        song = CliProcess.song(directory.resolve("song.wav"), 10);
    }

    private static String[] separate(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("separate", song.toString(), "-o", out.toString(), "--method", "dsp",
                "--chunk-seconds", "1"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void underAPseudoTerminalABarReachesOneHundredPercent() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script gives the pseudo-terminal");
        Path home = Files.createDirectories(directory.resolve("home-bar"));
        CliProcess.Result result = CliProcess.underTerminal(home, separate(directory.resolve("bar")));
        assertEquals(0, result.exitCode(), result.output());
        String output = result.output();
        assertTrue(output.contains("\r"), "redrawn in place: " + output);
        Matcher bar = Pattern.compile("\\[([#-]{24})\\]\\s+(\\d+) %").matcher(output);
        List<Integer> percents = new ArrayList<>();
        String last = null;
        while (bar.find()) {
            percents.add(Integer.parseInt(bar.group(2)));
            last = bar.group(1);
        }
        assertTrue(percents.size() >= 2, "the bar is drawn more than once: " + output);
        assertEquals(100, percents.get(percents.size() - 1), output);
        assertEquals("#".repeat(24), last, "a full bar at the end");
        for (int i = 1; i < percents.size(); i++) {
            assertTrue(percents.get(i) >= percents.get(i - 1), "never backwards: " + percents);
        }
        assertTrue(output.contains("separating"), "the stage is named: " + output);
        assertFalse(output.contains("\u001b"), "no escape codes: " + output);
        assertTrue(output.contains(directory.resolve("bar").resolve("vocals.wav").toString()), "the summary follows: " + output);

        CliProcess.Result quiet = CliProcess.underTerminal(home, separate(directory.resolve("bar-quiet"), "--quiet"));
        assertEquals(0, quiet.exitCode(), quiet.output());
        assertEquals("", quiet.output(), "--quiet on a terminal: nothing at all");
        assertTrue(Files.size(directory.resolve("bar-quiet").resolve("other.wav")) > 0, "the work is still done");
    }

    @Test
    void withOutputToAFileItWritesPeriodicPlainLines() throws Exception {
        Path home = Files.createDirectories(directory.resolve("home-lines"));
        Path log = directory.resolve("separate.log");
        CliProcess.Result result = CliProcess.toFile(home, log, separate(directory.resolve("lines")));
        assertEquals(0, result.exitCode(), result.output());
        String output = result.output();
        assertFalse(output.contains("\r") || output.contains("\u001b"), "plain lines only: " + output);
        Matcher line = Pattern.compile("(?m)^neuromix separate: (\\S.*?) (\\d+) % \\(\\d+:\\d\\d elapsed.*\\)$").matcher(output);
        List<Integer> percents = new ArrayList<>();
        while (line.find()) {
            percents.add(Integer.parseInt(line.group(2)));
        }
        // Ten chunk writes of about a tenth each: a line at each new tenth, however fast the machine.
        assertTrue(percents.size() >= 6, "a line at each tenth: " + output);
        for (int i = 1; i < percents.size(); i++) {
            assertTrue(percents.get(i) / 10 > percents.get(i - 1) / 10, "one line per tenth, in order: " + percents);
        }
        assertEquals(100, percents.get(percents.size() - 1), output);
        assertTrue(output.contains("neuromix separate: done 100 %"), output);
    }

    @Test
    void quietWritesNothingOnSuccess() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NeuroMixCli.execute(separate(directory.resolve("quiet"), "--quiet"), new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertEquals("", out.toString());
        assertEquals("", err.toString());
        assertTrue(Files.size(directory.resolve("quiet").resolve("vocals.wav")) > 0);

        // Errors still speak.
        StringWriter badErr = new StringWriter();
        int bad = NeuroMixCli.execute(new String[] {"separate", directory.resolve("missing.wav").toString(), "-o",
                directory.resolve("q2").toString(), "--quiet"}, new PrintWriter(new StringWriter()), new PrintWriter(badErr));
        assertEquals(NeuroMixCli.EXIT_BAD_INPUT, bad);
        assertTrue(badErr.toString().contains("missing.wav"), badErr.toString());
    }

    /** The display itself, on a fake clock: stages, time left, the 30 s line when progress is slow. */
    @Test
    void linesComeAtEachTenthAndEveryThirtySecondsWhenProgressIsSlow() {
        long[] nanos = {0};
        StringWriter text = new StringWriter();
        Progress progress = new Progress("train", new PrintWriter(text, true), Progress.Mode.LINES, () -> nanos[0]);
        progress.progress("session 1/100", 0.001);
        nanos[0] = 10_000_000_000L;
        progress.progress("session 1/100", 0.004);
        assertEquals("", text.toString(), "nothing yet: under a tenth and under 30 s");
        nanos[0] = 31_000_000_000L;
        progress.progress("session 2/100", 0.01);
        assertEquals("neuromix train: session 2/100 1 % (0:31 elapsed, about 51:09 left)\n", text.toString());
        nanos[0] = 40_000_000_000L;
        progress.progress("session 11/100", 0.1);
        assertTrue(text.toString().endsWith("neuromix train: session 11/100 10 % (0:40 elapsed, about 6:00 left)\n"), text.toString());
        progress.note("train: a note");
        progress.finish();
        assertTrue(text.toString().endsWith("train: a note\nneuromix train: done 100 % (0:40 elapsed)\n"), text.toString());
        progress.progress("late", 0.5);
        assertTrue(text.toString().endsWith("done 100 % (0:40 elapsed)\n"), "nothing after finish");
    }
}
