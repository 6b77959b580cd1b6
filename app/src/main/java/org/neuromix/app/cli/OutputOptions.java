package org.neuromix.app.cli;

import java.io.PrintWriter;
import java.util.Map;

import org.neuromix.engine.loudness.LoudnessMeasurement;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --json} and {@code --quiet} of the long commands, and where their words go: the human
 * summary on stdout (on stderr with --json, nowhere with --quiet), one JSON object on stdout with
 * --json, progress on stderr (none with --quiet). Errors always go to stderr.
 */
final class OutputOptions {
    @Option(names = "--json", description = "Print one JSON object on stdout (files written, measurements, timings, notes);"
            + " the human text goes to stderr.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress and no summary; only errors (and the JSON object with --json).")
    boolean quiet;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private Progress progress;

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** One line of the human summary. */
    void say(String line) {
        if (quiet) {
            return;
        }
        PrintWriter target = json ? err() : command.commandLine().getOut();
        target.println(line);
        target.flush();
    }

    /** The command's JSON object on stdout, when --json was given. */
    void printJson(Map<String, Object> object) {
        if (!json) {
            return;
        }
        PrintWriter out = command.commandLine().getOut();
        out.println(JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build().writeValueAsString(object));
        out.flush();
    }

    /** This command's progress display (made on first use). */
    Progress progress() {
        if (progress == null) {
            progress = Progress.forCommand(command.name(), err(), quiet);
        }
        return progress;
    }

    /** A finite number for JSON; null for an undefined reading (NaN, infinite). */
    static Double number(double value) {
        return LoudnessMeasurement.defined(value);
    }

    /** Seconds since {@code startNanos}, to the millisecond. */
    static double secondsSince(long startNanos) {
        return Math.round((System.nanoTime() - startNanos) / 1e6) / 1000.0;
    }
}
