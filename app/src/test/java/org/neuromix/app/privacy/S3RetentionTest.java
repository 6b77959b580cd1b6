package org.neuromix.app.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.S3ProxyServer;
import org.neuromix.app.testing.ServiceTest;
import org.neuromix.app.testing.TestClock;
import org.neuromix.app.testing.TestStems;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The privacy bar's lifecycle with the files in an S3-compatible bucket (a real server, S3Proxy,
 * in its own process): originals gone at completion, the mixed audio gone at the end of its
 * period, the report kept; a deleted session leaves no object behind.
 */
@Import(S3RetentionTest.Clocks.class)
class S3RetentionTest extends ServiceTest {
    private static final S3ProxyServer S3;
    /**
     * A database of its own: the other service tests' contexts stay alive in this JVM and poll their
     * job queue; on a shared database one of them (with the local store) could take this test's jobs.
     */
    private static final java.nio.file.Path OWN_DATABASE;

    static {
        try {
            OWN_DATABASE = Files.createTempDirectory("neuromix-s3-test-db");
            S3 = S3ProxyServer.start("retention");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        // The AWS SDK's usual credential chain, as a deployment gives it (here: system properties).
        System.setProperty("aws.accessKeyId", S3ProxyServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3ProxyServer.SECRET_KEY);
    }

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    @DynamicPropertySource
    static void bucket(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + OWN_DATABASE.resolve("neuromix") + ";DB_CLOSE_ON_EXIT=FALSE");
        registry.add("neuromix.storage.s3.endpoint", () -> S3.endpoint().toString());
        registry.add("neuromix.storage.s3.bucket", S3::bucket);
        registry.add("neuromix.storage.s3.path-style", () -> "true");
    }

    @AfterAll
    static void stopServer() {
        S3.close();
    }

    @Autowired
    TestClock clock;
    @Autowired
    Retention retention;

    @TempDir
    Path folder;

    @Autowired
    javax.sql.DataSource dataSource;

    @org.junit.jupiter.api.BeforeEach
    void onItsOwnDatabase() throws Exception {
        try (java.sql.Connection connection = dataSource.getConnection()) {
            assertTrue(connection.getMetaData().getURL().contains(OWN_DATABASE.toString()), connection.getMetaData().getURL());
        }
    }

    @AfterEach
    void resetClock() {
        clock.set(Duration.ZERO);
    }

    private List<String> keysOf(String id) {
        return S3.keys().stream().filter(k -> k.startsWith("sessions/" + id + "/")).toList();
    }

    @Test
    void originalsGoAtCompletionAudioAtItsPeriodTheReportStays() throws Exception {
        ApiClient me = newUser("Sara");
        String id = me.post("/api/v1/sessions", "{\"name\":\"In the bucket\"}").json().get("id").asString();
        assertEquals(201, me.upload("/api/v1/sessions/" + id + "/files",
                TestStems.write(Files.createDirectories(folder.resolve("stems")), 3)).status());
        assertTrue(keysOf(id).stream().anyMatch(k -> k.contains("/originals/")), "uploads are stored in the bucket");
        assertFalse(Files.exists(DATA.resolve("files/sessions/" + id)), "and not on the local disk");
        me.postEmpty("/api/v1/sessions/" + id + "/start");
        assertEquals("completed", me.awaitDone(id, Duration.ofMinutes(2)).get("status").asString());

        // The originals go right after completion (the privacy feature hears of it and deletes them).
        List<String> keys = keysOf(id);
        for (long end = System.nanoTime() + 10_000_000_000L; keys.stream().anyMatch(k -> k.contains("/originals/"))
                && System.nanoTime() < end; keys = keysOf(id)) {
            Thread.sleep(100);
        }
        assertTrue(keys.contains("sessions/" + id + "/output/r1/mix.wav"), keys.toString());
        assertTrue(keys.contains("sessions/" + id + "/output/sum.wav"), keys.toString());
        assertTrue(keys.stream().noneMatch(k -> k.contains("/originals/")), "originals went at completion: " + keys);
        ApiClient.Response ranged = me.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base() + "/api/v1/sessions/" + id + "/mix.wav")).header("Authorization", "Bearer " + me.token())
                .header("Range", "bytes=0-43").GET().build());
        assertEquals(206, ranged.status(), "the player's ranged reads reach the bucket");
        assertEquals(44, ranged.raw().body().length);

        clock.set(Duration.ofDays(7).minusHours(1));
        retention.sweep();
        assertTrue(keysOf(id).contains("sessions/" + id + "/output/r1/mix.wav"), "present just before the period ends");

        clock.set(Duration.ofDays(7).plusMinutes(1));
        retention.sweep();
        assertEquals(List.of(), keysOf(id), "the mixed audio is gone from the bucket at 7 days");
        assertEquals(410, me.get("/api/v1/sessions/" + id + "/mix.wav").status());
        assertEquals(200, me.get("/api/v1/sessions/" + id + "/report").status(), "the report is kept");
    }

    @Test
    void aDeletedSessionLeavesNoObject() throws Exception {
        ApiClient me = newUser("Tove");
        String id = me.post("/api/v1/sessions", "{\"name\":\"Gone at once\"}").json().get("id").asString();
        me.upload("/api/v1/sessions/" + id + "/files", TestStems.write(Files.createDirectories(folder.resolve("tove")), 3));
        me.postEmpty("/api/v1/sessions/" + id + "/start");
        assertEquals("completed", me.awaitDone(id, Duration.ofMinutes(2)).get("status").asString());
        me.get("/api/v1/sessions/" + id + "/mix.wav?format=16"); // a converted copy is stored beside the mix
        assertTrue(keysOf(id).contains("sessions/" + id + "/output/r1/mix-16.wav"), keysOf(id).toString());

        assertEquals(204, me.delete("/api/v1/sessions/" + id).status());
        assertEquals(List.of(), keysOf(id), "every object of the session is deleted with it");
    }
}
