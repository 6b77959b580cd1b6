package org.neuromix.app.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.Postgres;
import org.neuromix.app.testing.S3ProxyServer;

/**
 * A NeuroMix cluster on this machine, as an operator runs one: a fresh schema on the test
 * PostgreSQL server, S3Proxy in its own process, and nodes started through bin/neuromix with
 * {@code serve --role}. Each node has its own data folder (work folders and logs only).
 */
final class Cluster implements AutoCloseable {
    private static final Path LAUNCHER = Path.of("..", "bin", "neuromix").toAbsolutePath().normalize();

    final String url;
    final String user;
    final String password;
    final String schema;
    final S3ProxyServer s3;
    private final Path directory;
    private final List<Process> nodes = new ArrayList<>();

    private Cluster(Path directory, String url, S3ProxyServer s3) {
        this.directory = directory;
        this.url = url;
        this.user = System.getenv().getOrDefault("NEUROMIX_TEST_POSTGRES_USER", "postgres");
        this.password = System.getenv().getOrDefault("NEUROMIX_TEST_POSTGRES_PASSWORD", "");
        this.schema = "nmx_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.s3 = s3;
    }

    /** Null when no PostgreSQL server is given (the caller skips). */
    static Cluster create(Path directory) throws Exception {
        String url = System.getenv(Postgres.URL_VARIABLE);
        return url == null ? null : new Cluster(directory, url, S3ProxyServer.start("neuromix-cluster"));
    }

    String jdbcUrl() {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    Connection connect() throws Exception {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** Starts a node and waits until its health answers. {@code name} is also its db-scheduler name. */
    Process start(String role, String name, int port, String... extra) throws Exception {
        Process process = launch(role, name, port, extra);
        awaitHealthy(process, name, port);
        return process;
    }

    /** A node to start: its role (web or worker), its name (also its db-scheduler name) and port. */
    record Node(String role, String name, int port) {
    }

    /**
     * Starts several nodes at once and waits until all answer: much of a start-up is waiting (on
     * the database, on the disk), so side by side is quicker than one after another. The schema
     * must already be migrated (start the first node alone).
     */
    List<Process> startTogether(List<Node> nodesToStart) throws Exception {
        List<Process> processes = new ArrayList<>();
        for (Node node : nodesToStart) {
            processes.add(launch(node.role(), node.name(), node.port()));
        }
        for (int i = 0; i < processes.size(); i++) {
            awaitHealthy(processes.get(i), nodesToStart.get(i).name(), nodesToStart.get(i).port());
        }
        return processes;
    }

    private Process launch(String role, String name, int port, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(LAUNCHER.toString(), "serve", "--role", role, "--port", String.valueOf(port),
                "--data-dir", directory.resolve(name).toString(),
                "--spring.datasource.url=" + jdbcUrl(),
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--spring.flyway.default-schema=" + schema, "--spring.flyway.schemas=" + schema,
                "--spring.flyway.create-schemas=true",
                "--neuromix.storage.s3.endpoint=" + s3.endpoint(), "--neuromix.storage.s3.bucket=" + s3.bucket(),
                "--neuromix.storage.s3.path-style=true",
                "--neuromix.accounts.require-email-verification=false", "--neuromix.accounts.login-max-failures=3",
                "--db-scheduler.scheduler-name=" + name,
                // A dead worker is noticed after 4 missed 1-second heartbeats instead of a minute.
                "--db-scheduler.heartbeat-interval=1s", "--db-scheduler.missed-heartbeats-limit=4",
                "--db-scheduler.polling-interval=500ms", "--neuromix.pipeline.job-threads=2"));
        command.addAll(List.of(extra));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + "-" + System.nanoTime() + ".log").toFile());
        // The AWS SDK's usual credential chain: the environment, as a systemd unit would give it.
        builder.environment().put("AWS_ACCESS_KEY_ID", S3ProxyServer.ACCESS_KEY);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", S3ProxyServer.SECRET_KEY);
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("NEUROMIX_JAVA_OPTS", "-Xmx768m"); // several nodes on one test machine
        Process process = builder.start();
        nodes.add(process);
        return process;
    }

    private void awaitHealthy(Process process, String name, int port) throws Exception {
        ApiClient health = new ApiClient("http://localhost:" + port);
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < end) {
            try {
                if (health.get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            assertTrue(process.isAlive(), name + " stopped while starting; see " + directory);
            Thread.sleep(250);
        }
        throw new AssertionError(name + " did not start");
    }

    /** The last lines of a node's logs (all its starts), for a failure message. */
    String logTail(String name, int lines) {
        try (java.util.stream.Stream<Path> files = Files.list(directory)) {
            List<String> all = new ArrayList<>();
            for (Path log : files.filter(f -> f.getFileName().toString().matches(java.util.regex.Pattern.quote(name) + "-\\d+\\.log"))
                    .sorted().toList()) {
                all.addAll(Files.readAllLines(log));
            }
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (java.io.IOException unreadable) {
            return "(log unreadable: " + unreadable.getMessage() + ")";
        }
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process node : nodes) {
            node.destroy();
        }
        for (Process node : nodes) {
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
        s3.close();
    }
}
