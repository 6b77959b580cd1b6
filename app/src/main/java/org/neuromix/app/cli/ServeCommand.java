package org.neuromix.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.neuromix.app.NeuroMixApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neuromix serve}: the web service on the embedded default (H2 file database, local disk),
 * or one role of a cluster ({@code --role web|worker}) on PostgreSQL and S3-compatible storage.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Run the NeuroMix web service: accounts, sessions, the mixing pipeline, results, the REST API.",
            "DIR holds the database, stored files, logs and the mail outbox. Any setting can be given as",
            "--neuromix.x=value (or the environment variable NEUROMIX_X); see the README.",
            "In a cluster (docs/deployment.md) web nodes run --role web and workers --role worker",
            "(or `neuromix worker`), all on one PostgreSQL database and one S3-compatible bucket.",
            "",
            "Exit codes: 0 stopped; 2 bad input; 1 could not start."
        })
final class ServeCommand implements Callable<Integer> {
    /** What a process does: see NodeSettings. */
    enum Role {
        all, web, worker
    }

    @Option(names = "--role", defaultValue = "all", paramLabel = "ROLE",
            description = "all (pages, API and jobs: one machine), web (pages and API; jobs only queued) or worker"
                    + " (jobs only; the port answers health and metrics) (default: ${DEFAULT-VALUE}).")
    Role role;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "P", description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", defaultValue = "./data", paramLabel = "DIR", description = "Data folder (default: ${DEFAULT-VALUE}).")
    Path dataDirectory;

    @Unmatched
    List<String> settings = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        return run(spec, "serve", role, port, dataDirectory, settings);
    }

    /** Starts the service in {@code role} and waits until it stops; shared by serve and worker. */
    static int run(CommandSpec spec, String command, Role role, int port, Path dataDirectory, List<String> settings)
            throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65_535) {
            err.println("neuromix " + command + ": --port must be in [0, 65535]");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        for (String setting : settings) {
            if (!setting.startsWith("--") || !setting.contains("=")) {
                err.println("neuromix " + command + ": unknown argument '" + setting + "' (settings are --name=value)");
                return NeuroMixCli.EXIT_BAD_INPUT;
            }
        }
        Path data = dataDirectory.toAbsolutePath().normalize();
        try {
            Files.createDirectories(data);
        } catch (java.io.IOException e) {
            err.println("neuromix " + command + ": cannot create the data folder " + data + ": " + e.getMessage());
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        // As command-line properties they outrank application.properties; a --name=value setting of
        // the same name replaces them (Spring would join two values of one name with a comma).
        List<String> arguments = new ArrayList<>();
        if (settings.stream().noneMatch(s -> s.startsWith("--server.port="))) {
            arguments.add("--server.port=" + port);
        }
        if (settings.stream().noneMatch(s -> s.startsWith("--neuromix.data-dir="))) {
            arguments.add("--neuromix.data-dir=" + data);
        }
        if (settings.stream().anyMatch(s -> s.startsWith("--neuromix.node.role=") || s.startsWith("--db-scheduler.enabled="))) {
            err.println("neuromix " + command + ": give the role with --role, not as a setting");
            return NeuroMixCli.EXIT_BAD_INPUT;
        }
        arguments.add("--neuromix.node.role=" + role);
        if (role == Role.web) {
            arguments.add("--db-scheduler.enabled=false"); // queues jobs through a client; the workers run them
        }
        arguments.addAll(settings);
        SpringApplication application = new SpringApplication(NeuroMixApplication.class);
        // Links in emails point to this process unless an address is configured (a default property
        // ranks below every configured source): the port given, and https when serve has a certificate.
        application.setDefaultProperties(java.util.Map.of("neuromix.accounts.base-url", localBaseUrl(port, settings)));
        CountDownLatch stopped = new CountDownLatch(1);
        application.addListeners(event -> {
            if (event instanceof ContextClosedEvent) {
                stopped.countDown();
            }
        });
        ConfigurableApplicationContext context;
        try {
            context = application.run(arguments.toArray(String[]::new));
        } catch (RuntimeException e) {
            err.println("neuromix " + command + ": could not start: " + rootMessage(e));
            return NeuroMixCli.EXIT_INTERNAL_ERROR;
        }
        String actualPort = context.getEnvironment().getProperty("local.server.port");
        spec.commandLine().getOut().println(role == Role.worker
                ? "NeuroMix worker is running jobs (health and metrics on port " + actualPort + ") with data in " + data
                : "NeuroMix is serving on port " + actualPort + (role == Role.web ? " as a web node" : "") + " with data in " + data);
        stopped.await();
        return 0;
    }

    /** The address of this process as seen from the machine it runs on. */
    static String localBaseUrl(int port, List<String> settings) {
        String effectivePort = settings.stream().filter(s -> s.startsWith("--server.port=")).map(s -> s.substring(14))
                .reduce((first, last) -> last).orElse(String.valueOf(port));
        boolean tls = settings.stream().anyMatch(s -> s.startsWith("--server.ssl.certificate=") || s.startsWith("--server.ssl.key-store=")
                || s.startsWith("--server.ssl.bundle="));
        return (tls ? "https" : "http") + "://localhost:" + effectivePort;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
