package org.neuromix.app.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

import org.neuromix.engine.progress.ProgressListener;

/**
 * A long command's progress on stderr. On a terminal: one line redrawn in place with the stage, a
 * bar, the percentage and the time left. Otherwise (a file, a pipe, a CI log): a plain line at
 * every tenth of the work and at least every {@value #LINE_EVERY_SECONDS} s. With --quiet: nothing.
 * Only carriage returns and spaces move the cursor, no escape codes, so any terminal shows it.
 */
final class Progress implements ProgressListener {
    /** How progress is shown. */
    enum Mode { BAR, LINES, SILENT }

    /** Set by bin/neuromix from {@code [ -t 2 ]}: whether stderr is a terminal (Java cannot ask). */
    static final String TERMINAL_PROPERTY = "neuromix.terminal";
    private static final int BAR_WIDTH = 24;
    private static final int STAGE_WIDTH = 30;
    private static final long REDRAW_EVERY_NANOS = 100_000_000L;
    static final long LINE_EVERY_SECONDS = 30;

    private final String command;
    private final PrintWriter err;
    private final Mode mode;
    private final LongSupplier nanoTime;
    private final long startNanos;
    private String stage = "starting";
    private double fractionDone = 0;
    private long lastDrawNanos = Long.MIN_VALUE;
    private int drawnLength = 0;
    private int lastLineTenth = 0;
    private long lastLineNanos;
    private boolean finished;

    Progress(String command, PrintWriter err, Mode mode, LongSupplier nanoTime) {
        this.command = command;
        this.err = err;
        this.mode = mode;
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.lastLineNanos = startNanos;
    }

    /** A bar when stderr is a terminal, plain lines when it is not, nothing when quiet. */
    static Progress forCommand(String command, PrintWriter err, boolean quiet) {
        return new Progress(command, err, quiet ? Mode.SILENT : detectMode(), System::nanoTime);
    }

    /** The launcher's answer when there is one; otherwise a console (stdin and stdout on a terminal) that is not "dumb". */
    static Mode detectMode() {
        String told = System.getProperty(TERMINAL_PROPERTY);
        boolean terminal = told != null ? Boolean.parseBoolean(told) : System.console() != null;
        return terminal && !"dumb".equals(System.getenv("TERM")) ? Mode.BAR : Mode.LINES;
    }

    Mode mode() {
        return mode;
    }

    @Override
    public synchronized void progress(String newStage, double newFractionDone) {
        if (mode == Mode.SILENT || finished) {
            return;
        }
        boolean stageChanged = newStage != null && !newStage.equals(stage);
        if (newStage != null) {
            stage = newStage;
        }
        if (!Double.isNaN(newFractionDone)) {
            // Never backwards: a part that restarts its own count must not move the bar back.
            fractionDone = Math.max(fractionDone, Math.min(1, newFractionDone));
        }
        long now = nanoTime.getAsLong();
        if (mode == Mode.BAR) {
            if (stageChanged || now - lastDrawNanos >= REDRAW_EVERY_NANOS) {
                drawBar(now);
            }
        } else {
            // 100 % is finish()'s line, printed once the command's work is really done.
            int tenth = Math.min(9, (int) Math.floor(fractionDone * 10 + 1e-9));
            boolean due = tenth > lastLineTenth || now - lastLineNanos >= LINE_EVERY_SECONDS * 1_000_000_000L;
            if (due && fractionDone < 1) {
                lastLineTenth = Math.max(lastLineTenth, tenth);
                printLine(now);
            }
        }
    }

    /** A line of text (a note, a per-song result) between progress updates; not shown when quiet. */
    synchronized void note(String line) {
        if (mode == Mode.SILENT) {
            return;
        }
        if (mode == Mode.BAR && drawnLength > 0 && !finished) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            err.println(line);
            drawBar(nanoTime.getAsLong());
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** The work is done: shows 100 % and ends the bar's line. Later reports are ignored. */
    synchronized void finish() {
        if (mode == Mode.SILENT || finished) {
            return;
        }
        fractionDone = 1;
        stage = "done";
        long now = nanoTime.getAsLong();
        if (mode == Mode.BAR) {
            drawBar(now);
            err.println();
        } else {
            printLine(now);
        }
        finished = true;
        err.flush();
    }

    /** Ends the bar's line after a failure, so that the error message starts on a line of its own. */
    synchronized void abandon() {
        if (mode == Mode.BAR && drawnLength > 0 && !finished) {
            err.println();
            err.flush();
        }
        finished = true;
    }

    private void drawBar(long now) {
        int filled = (int) Math.floor(fractionDone * BAR_WIDTH);
        String text = String.format(Locale.ROOT, "%-" + STAGE_WIDTH + "s [%s%s] %3d %%%s", shortened(stage),
                "#".repeat(filled), "-".repeat(BAR_WIDTH - filled), percent(), timeLeft(now, " ", " left"));
        int padding = Math.max(0, drawnLength - text.length());
        err.print("\r" + text + " ".repeat(padding));
        err.flush();
        drawnLength = text.length();
        lastDrawNanos = now;
    }

    private void printLine(long now) {
        String elapsed = clock((now - startNanos) / 1e9);
        err.println(String.format(Locale.ROOT, "neuromix %s: %s %d %% (%s elapsed%s)", command, stage, percent(), elapsed,
                timeLeft(now, ", about ", " left")));
        err.flush();
        lastLineNanos = now;
    }

    private int percent() {
        return (int) Math.floor(fractionDone * 100 + 1e-9);
    }

    /** Time left from the pace so far; empty until there is enough to go on. */
    private String timeLeft(long now, String before, String after) {
        double elapsedSeconds = (now - startNanos) / 1e9;
        if (fractionDone >= 1 || fractionDone < 0.01 || elapsedSeconds < 1) {
            return "";
        }
        return before + clock(elapsedSeconds * (1 - fractionDone) / fractionDone) + after;
    }

    private static String shortened(String text) {
        return text.length() <= STAGE_WIDTH ? text : text.substring(0, STAGE_WIDTH - 3) + "...";
    }

    static String clock(double seconds) {
        long whole = Math.round(seconds);
        return whole >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
                : String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
    }
}
