package org.neuromix.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.TestStems;
import tools.jackson.databind.JsonNode;

/**
 * The process is killed (SIGKILL) in the middle of a job and started again: the job resumes from
 * its last saved stage, the session completes exactly once, and no file is left behind.
 */
public class ServeRestartIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "neuromix").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process start(Path data, int port, String... settings) throws Exception {
        return startServer(directory, data, port, settings);
    }

    public static Process startServer(Path directory, Path data, int port, String... settings) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(List.of(LAUNCHER.toString(), "serve", "--port", String.valueOf(port),
                "--data-dir", data.toString(),
                "--neuromix.accounts.require-email-verification=false",
                // A dead node is noticed after 4 missed 1-second heartbeats instead of a minute.
                "--db-scheduler.heartbeat-interval=1s", "--db-scheduler.missed-heartbeats-limit=4",
                "--db-scheduler.polling-interval=500ms"));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(directory.resolve("server-" + System.nanoTime() + ".log").toFile())
                .start();
        ApiClient api = new ApiClient("http://localhost:" + port);
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < end) {
            try {
                if (api.get("/actuator/health").status() == 200) {
                    return process;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            assertTrue(process.isAlive(), "the server stopped while starting");
            Thread.sleep(250);
        }
        throw new AssertionError("the server did not start");
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aJobInterruptedByACrashCompletesExactlyOnceAfterARestart() throws Exception {
        Path data = directory.resolve("data");
        int port = freePort();
        server = start(data, port);
        ApiClient me = new ApiClient("http://localhost:" + port).signUpAndToken("Kim", "kim@example.com",
                "correct horse battery", "2026-11-01");
        String id = me.post("/api/v1/sessions", "{\"name\":\"Crash test\"}").json().get("id").asString();
        List<Path> stems = TestStems.write(Files.createDirectories(directory.resolve("stems")), 45);
        assertEquals(201, me.upload("/api/v1/sessions/" + id + "/files", stems).status());
        assertEquals(202, me.postEmpty("/api/v1/sessions/" + id + "/start").status());

        String stageAtKill = null;
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < end && stageAtKill == null) {
            JsonNode status = me.get("/api/v1/sessions/" + id).json();
            String stage = status.get("stage").asString();
            if (stage.equals("plan") || stage.equals("render") || stage.equals("analyse")) {
                stageAtKill = stage;
            }
            assertFalse(status.get("status").asString().equals("completed"), "the job finished before the kill");
            Thread.sleep(100);
        }
        assertTrue(stageAtKill != null, "the job never reached a stage worth interrupting");
        server.destroyForcibly(); // SIGKILL: no shutdown hooks, no clean-up
        assertTrue(server.waitFor(30, TimeUnit.SECONDS));

        server = start(data, port);
        JsonNode done = me.awaitDone(id, Duration.ofMinutes(4));
        assertEquals("completed", done.get("status").asString(), "killed during " + stageAtKill + ": " + done);
        JsonNode session = me.get("/api/v1/sessions/" + id).json();
        assertEquals(1, session.get("revisions").size());
        assertEquals("completed", session.get("revisions").get(0).get("status").asString());
        assertEquals(-14, done.get("integratedLufs").asDouble(), 0.5);
        String completedAt = done.get("completedAt").asString();

        server.destroy();
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));

        // Exactly once and nothing left behind, read from the database and the disk themselves.
        try (Connection db = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("db/neuromix"), "sa", "")) {
            ResultSet tasks = db.createStatement().executeQuery("select count(*) from scheduled_tasks where task_name = 'mix-session'");
            tasks.next();
            assertEquals(0, tasks.getInt(1), "no execution of the job remains");
            ResultSet row = db.createStatement().executeQuery("select attempts, completed_at, originals_deleted_at from mix_sessions");
            row.next();
            assertTrue(row.getInt(1) >= 2, "the job ran again after the crash (attempts " + row.getInt(1) + ")");
            assertEquals(completedAt, row.getTimestamp(2).toInstant().toString());
            assertTrue(row.getTimestamp(3) != null);
        }
        assertFalse(Files.exists(data.resolve("files/sessions/" + id + "/originals")), "originals deleted");
        try (Stream<Path> work = Files.exists(data.resolve("work")) ? Files.walk(data.resolve("work")) : Stream.empty()) {
            assertEquals(List.of(), work.filter(Files::isRegularFile).toList(), "no working files left");
        }
        try (Stream<Path> files = Files.walk(data.resolve("files"))) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> data.resolve("files").relativize(p).toString()).sorted().toList();
            assertTrue(names.stream().noneMatch(n -> n.contains(".part") || n.contains("premaster") || n.contains(".tmp")), names.toString());
            assertTrue(names.contains("sessions/" + id + "/output/r1/mix.wav"), names.toString());
            assertTrue(names.contains("sessions/" + id + "/output/sum.wav"), names.toString());
        }
    }
}
