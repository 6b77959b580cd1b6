package org.neuromix.app.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.pipeline.ServeRestartIT;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.BrowserLike;
import org.neuromix.app.testing.TestStems;

/**
 * The privacy promise end to end, as an operator runs it: {@code bin/neuromix admin create} makes
 * the first administrator (no default password); {@code bin/neuromix serve} with the retention
 * periods shortened to seconds deletes a session's uploads when it completes and its mix when the
 * period ends; a new material policy version emails the users and asks them to accept it.
 */
class RetentionServeIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "neuromix").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroy();
            server.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void uploadsGoAtCompletionAndTheMixWhenItsPeriodEnds() throws Exception {
        Path data = directory.resolve("data");
        Process admin = new ProcessBuilder(LAUNCHER.toString(), "admin", "create", "--email", "boss@neuromix.local",
                "--name", "Boss", "--data-dir", data.toString()).redirectErrorStream(true).start();
        String adminOut = new String(admin.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(admin.waitFor(3, TimeUnit.MINUTES));
        assertEquals(0, admin.exitValue(), adminOut);
        Matcher password = Pattern.compile("with the password: (\\S+)").matcher(adminOut);
        assertTrue(password.find(), adminOut);

        int port = ServeRestartIT.freePort();
        server = ServeRestartIT.startServer(directory, data, port,
                "--neuromix.retention.output=PT8S", "--neuromix.retention.sweep-interval=PT1S");
        String base = "http://localhost:" + port;
        ApiClient me = new ApiClient(base).signUpAndToken("Rita", "rita@example.com", "correct horse battery", "2026-11-01");
        String id = me.post("/api/v1/sessions", "{\"name\":\"Short-lived\"}").json().get("id").asString();
        List<Path> stems = TestStems.write(Files.createDirectories(directory.resolve("stems")), 4);
        assertEquals(201, me.upload("/api/v1/sessions/" + id + "/files", stems).status());
        assertTrue(Files.isDirectory(data.resolve("files/sessions/" + id + "/originals")));
        me.postEmpty("/api/v1/sessions/" + id + "/start");
        assertEquals("completed", me.awaitDone(id, Duration.ofMinutes(2)).get("status").asString());
        assertFalse(Files.exists(data.resolve("files/sessions/" + id + "/originals")), "uploads deleted at completion");
        assertFalse(Files.exists(data.resolve("work/" + id)), "working copies deleted at completion");
        assertEquals(200, me.get("/api/v1/sessions/" + id + "/mix.wav").status());

        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (me.get("/api/v1/sessions/" + id + "/mix.wav").status() != 410 && System.nanoTime() < end) {
            Thread.sleep(500);
        }
        assertEquals(410, me.get("/api/v1/sessions/" + id + "/mix.wav").status(), "the mix is gone after its period");
        try (Stream<Path> left = Files.walk(data.resolve("files"))) {
            assertEquals(List.of(), left.filter(Files::isRegularFile).toList(), "no audio of the session is left on disk");
        }
        assertEquals(200, me.get("/api/v1/sessions/" + id + "/report").status(), "the report stays");

        BrowserLike boss = new BrowserLike(base);
        boss.signIn("boss@neuromix.local", password.group(1));
        assertTrue(boss.get("/admin").contains("PURGE_OUTPUT"), "the admin page shows the audit log");
        BrowserLike rita = new BrowserLike(base);
        rita.signIn("rita@example.com", "correct horse battery");
        rita.get("/admin");
        assertEquals(403, rita.status());

        // A new material policy version: users are emailed and asked to accept it.
        server.destroy();
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        server = ServeRestartIT.startServer(directory, data, port, "--neuromix.policy.version=2027-01-01",
                "--neuromix.policy.last-updated=2027-01-01");
        long mailEnd = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        boolean mailed = false;
        while (!mailed && System.nanoTime() < mailEnd) {
            try (Stream<Path> outbox = Files.exists(data.resolve("outbox")) ? Files.list(data.resolve("outbox")) : Stream.empty()) {
                mailed = outbox.anyMatch(f -> f.getFileName().toString().contains("policy-change"));
            }
            Thread.sleep(250);
        }
        assertTrue(mailed, "the policy change was emailed");
        try (Stream<Path> outbox = Files.list(data.resolve("outbox"))) {
            Path mail = outbox.filter(f -> f.getFileName().toString().contains("policy-change")).findFirst().orElseThrow();
            String text;
            try (java.io.InputStream in = Files.newInputStream(mail)) {
                text = String.valueOf(new jakarta.mail.internet.MimeMessage((jakarta.mail.Session) null, in).getContent());
            }
            // Its link points to this server's port, not to 8080 (no base URL is configured).
            assertTrue(text.contains("http://localhost:" + port + "/privacy"), text);
        }
        BrowserLike again = new BrowserLike(base);
        String signedIn = again.signIn("rita@example.com", "correct horse battery");
        assertTrue(signedIn.contains("policy-notice"));
        assertTrue(signedIn.contains("The privacy policy changed (version 2027-01-01)."), "one sentence, no stray spaces");
        assertFalse(again.postForm("/account/accept-policy", Map.of("version", "2027-01-01")).contains("id=\"policy-notice\""));
        assertEquals("2027-01-01", new ApiClient(base).get("/api/v1/policy").json().get("version").asString());

        // The logs hold no passwords or tokens.
        server.destroy();
        assertTrue(server.waitFor(60, TimeUnit.SECONDS));
        try (Stream<Path> logs = Files.list(data.resolve("logs"))) {
            List<Path> files = logs.filter(Files::isRegularFile).toList();
            assertFalse(files.isEmpty(), "the service wrote its log under the data folder");
            for (Path log : files) {
                String text = log.getFileName().toString().endsWith(".gz") ? "" : Files.readString(log);
                assertTrue(text.contains("retention") || text.length() > 0, log.toString());
                for (String secret : List.of("correct horse battery", password.group(1), me.token())) {
                    assertFalse(text.contains(secret), log + " contains a secret");
                }
            }
        }
    }
}
