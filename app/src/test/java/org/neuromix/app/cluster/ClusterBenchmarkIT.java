package org.neuromix.app.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.BrowserLike;
import org.neuromix.app.testing.TestStems;

/**
 * Benchmark, not a test (it asserts no time): sessions completed per minute with one worker and
 * then with two, in the same run on the same cluster, and the dashboard's p95 latency while the
 * workers are busy. Runs only when asked:
 * {@code NEUROMIX_TEST_POSTGRES_URL=... mvn -B -pl app -am verify -Dit.test=ClusterBenchmarkIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dneuromix.benchmark=true}; the figures go to stdout and
 * to target/cluster-benchmark.txt.
 */
class ClusterBenchmarkIT {
    private static final int SESSIONS_PER_PHASE = Integer.getInteger("neuromix.benchmark.sessions", 12);
    private static final double STEM_SECONDS = 30;

    @TempDir
    Path directory;

    private Cluster cluster;

    @AfterEach
    void stop() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void sessionsPerMinuteWithOneAndTwoWorkers() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("neuromix.benchmark"), "a benchmark: -Dneuromix.benchmark=true runs it");
        cluster = Cluster.create(directory);
        Assumptions.assumeTrue(cluster != null, "needs PostgreSQL");
        int web = Cluster.freePort();
        cluster.start("web", "web-1", web);
        cluster.start("worker", "worker-1", Cluster.freePort());
        ApiClient me = new ApiClient("http://localhost:" + web).signUpAndToken("Bench", "bench@example.com",
                "correct horse battery", "2026-11-01");
        BrowserLike browser = new BrowserLike("http://localhost:" + web);
        browser.signIn("bench@example.com", "correct horse battery");
        List<Path> stems = TestStems.write(Files.createDirectories(directory.resolve("stems")), STEM_SECONDS);

        Phase one = phase(me, browser, web, stems, "one worker");
        cluster.start("worker", "worker-2", Cluster.freePort());
        Phase two = phase(me, browser, web, stems, "two workers");

        String report = String.format(Locale.ROOT, "%d sessions of %d stems x %.0f s per phase, %d CPU cores%n"
                        + "one worker:  %.2f sessions/min, dashboard p95 %.0f ms (%d requests)%n"
                        + "two workers: %.2f sessions/min, dashboard p95 %.0f ms (%d requests)%n"
                        + "ratio two/one: %.2f%n",
                SESSIONS_PER_PHASE, stems.size(), STEM_SECONDS, Runtime.getRuntime().availableProcessors(),
                one.perMinute, one.p95Ms, one.requests, two.perMinute, two.p95Ms, two.requests, two.perMinute / one.perMinute);
        System.out.println(report);
        Files.writeString(Path.of("target/cluster-benchmark.txt"), report);
    }

    private record Phase(double perMinute, double p95Ms, int requests) {
    }

    /** Queues the sessions at once, then times until the last completes while a reader loads the dashboard. */
    private Phase phase(ApiClient me, BrowserLike browser, int web, List<Path> stems, String label) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SESSIONS_PER_PHASE; i++) {
            String id = me.post("/api/v1/sessions", "{\"name\":\"" + label + " " + i + "\"}").json().get("id").asString();
            assertEquals(201, me.upload("/api/v1/sessions/" + id + "/files", stems).status());
            ids.add(id);
        }
        List<Double> latenciesMs = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        HttpClient http = HttpClient.newHttpClient();
        String cookie = browser.cookieHeaderValue();
        Thread reader = new Thread(() -> {
            while (running.get()) {
                long start = System.nanoTime();
                try {
                    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + web + "/dashboard"))
                            .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (page.statusCode() == 200) {
                        latenciesMs.add((System.nanoTime() - start) / 1e6);
                    }
                    Thread.sleep(200);
                } catch (Exception e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        for (String id : ids) {
            assertEquals(202, me.postEmpty("/api/v1/sessions/" + id + "/start").status());
        }
        reader.start();
        for (String id : ids) {
            assertEquals("completed", me.awaitDone(id, Duration.ofMinutes(30)).get("status").asString());
        }
        double minutes = (System.nanoTime() - start) / 60e9;
        running.set(false);
        reader.join();
        List<Double> sorted = new ArrayList<>(latenciesMs);
        Collections.sort(sorted);
        double p95 = sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(0.95 * sorted.size()) - 1));
        return new Phase(SESSIONS_PER_PHASE / minutes, p95, sorted.size());
    }
}
