package org.neuromix.app.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** {@code neuromix worker}: a process that only runs mixing jobs and the retention sweep ({@code serve --role worker}). */
@Command(name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Run a NeuroMix worker: it takes mixing jobs and the retention sweep from the shared database",
            "and reads and writes files in the shared store. It serves no pages; its port answers the health",
            "probes (/actuator/health) and the metrics (/actuator/prometheus). Same settings as serve",
            "(--name=value, or environment variables); see docs/deployment.md.",
            "",
            "Exit codes: 0 stopped; 2 bad input; 1 could not start."
        })
final class WorkerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8081", paramLabel = "P",
            description = "HTTP port for health and metrics (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "DIR",
            description = "Data folder: work folders, logs, and files and database on the embedded default (default: ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Unmatched
    List<String> settings = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return ServeCommand.run(spec, "worker", ServeCommand.Role.worker, port, dataDirectory, settings);
    }
}
