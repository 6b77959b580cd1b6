package org.neuromix.app.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.BrowserLike;
import org.neuromix.app.testing.Postgres;
import org.neuromix.app.testing.S3ProxyServer;
import org.neuromix.app.testing.TestStems;
import tools.jackson.databind.JsonNode;

/**
 * The cluster as an operator runs it: PostgreSQL, a real S3-compatible server in its own process,
 * two web nodes and two workers started through bin/neuromix. Twenty sessions come in through both
 * web nodes; one worker is killed (SIGKILL) while it works on a job. Every session completes exactly
 * once, any web node serves any download and any signed-in person, a sign-in lockout holds across
 * nodes and restarts, and the bucket ends with exactly the outputs.
 */
class ClusterIT {
    private static final int SESSIONS = 20;
    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path directory;

    private Cluster cluster;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (cluster != null) {
            cluster.close();
        }
    }

    private String jobs() {
        StringBuilder text = new StringBuilder();
        try (Connection sql = cluster.connect();
             PreparedStatement rows = sql.prepareStatement("select task_instance, picked, picked_by, last_heartbeat, execution_time,"
                     + " consecutive_failures from scheduled_tasks order by execution_time");
             ResultSet rs = rows.executeQuery()) {
            while (rs.next()) {
                text.append(String.format("  %s picked=%s by=%s heartbeat=%s due=%s failures=%s%n", rs.getString(1), rs.getBoolean(2),
                        rs.getString(3), rs.getTimestamp(4), rs.getTimestamp(5), rs.getInt(6)));
            }
        } catch (Exception e) {
            text.append("  (could not read: ").append(e).append(')');
        }
        return text.toString();
    }

    private String sessionLog(String id) {
        StringBuilder text = new StringBuilder();
        try (Connection sql = cluster.connect();
             PreparedStatement rows = sql.prepareStatement("select * from session_log where session_id = ?")) {
            rows.setString(1, id);
            try (ResultSet rs = rows.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    text.append(' ');
                    for (int c = 1; c <= columns; c++) {
                        text.append(' ').append(rs.getString(c));
                    }
                    text.append('\n');
                }
            }
        } catch (Exception e) {
            text.append("  (could not read: ").append(e).append(')');
        }
        return text.toString();
    }

    @Test
    void twoWebNodesAndTwoWorkersOnPostgresAndS3() throws Exception {
        cluster = Cluster.create(directory);
        Assumptions.assumeTrue(cluster != null, "needs PostgreSQL: set " + Postgres.URL_VARIABLE + " (.ci/run does)");
        S3ProxyServer s3 = cluster.s3;

        int[] web = {Cluster.freePort(), Cluster.freePort()};
        int[] worker = {Cluster.freePort(), Cluster.freePort()};
        cluster.start("web", "web-1", web[0]); // first alone: it migrates the new schema
        List<Process> others = cluster.startTogether(List.of(new Cluster.Node("web", "web-2", web[1]),
                new Cluster.Node("worker", "worker-1", worker[0]), new Cluster.Node("worker", "worker-2", worker[1])));
        Process web2 = others.get(0);
        Process worker1 = others.get(1);

        // A worker serves no pages; a web node runs no jobs (checked below: every job ran on a worker).
        assertEquals(404, new ApiClient("http://localhost:" + worker[0]).get("/login").status());
        assertEquals(200, new ApiClient("http://localhost:" + worker[0]).get("/actuator/prometheus").status());

        ApiClient[] me = {new ApiClient("http://localhost:" + web[0]).signUpAndToken("Ada", "ada@example.com", PASSWORD,
                "2026-11-01"), null};
        me[1] = new ApiClient("http://localhost:" + web[1]).withToken(me[0].token());

        List<Path> stems = TestStems.write(Files.createDirectories(directory.resolve("stems")), 5);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            ApiClient node = me[i % 2];
            String id = node.post("/api/v1/sessions", "{\"name\":\"Song " + i + "\"}").json().get("id").asString();
            assertEquals(201, node.upload("/api/v1/sessions/" + id + "/files", stems).status());
            ids.add(id);
        }
        // All uploads first, then all starts: the queue fills at once, so both workers are busy when one is killed
        // (uploads are checked in full and can be slower than the jobs).
        for (int i = 0; i < SESSIONS; i++) {
            assertEquals(202, me[i % 2].postEmpty("/api/v1/sessions/" + ids.get(i) + "/start").status());
        }

        // Kill worker-1 (SIGKILL: no shutdown, no clean-up) as soon as it has started a job.
        String interrupted = null;
        try (Connection sql = cluster.connect()) {
            long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (interrupted == null && System.nanoTime() < end) {
                try (PreparedStatement picked = sql.prepareStatement("select t.task_instance from scheduled_tasks t"
                        + " join mix_sessions s on t.task_instance = s.id || '/1' where t.task_name = 'mix-session' and t.picked"
                        + " and t.picked_by = 'worker-1' and s.attempts >= 1 and s.status <> 'COMPLETED'");
                     ResultSet rs = picked.executeQuery()) {
                    if (rs.next()) {
                        interrupted = rs.getString(1).split("/")[0];
                    }
                }
                if (interrupted == null) {
                    Thread.sleep(50);
                }
            }
        }
        assertTrue(interrupted != null, () -> "worker-1 never started a job; its log ends:\n" + cluster.logTail("worker-1", 60));
        worker1.destroyForcibly();
        assertTrue(worker1.waitFor(30, TimeUnit.SECONDS));

        for (int i = 0; i < SESSIONS; i++) {
            JsonNode done;
            try {
                done = me[(i + 1) % 2].awaitDone(ids.get(i), Duration.ofMinutes(8));
            } catch (AssertionError stuck) {
                // What the queue and the surviving worker were doing: enough to tell a lost job from a slow one.
                throw new AssertionError(stuck.getMessage() + "\nkilled worker-1 during " + interrupted + "\njobs:\n"
                        + jobs() + "\nsession log:\n" + sessionLog(ids.get(i)) + "\nworker-2's log ends:\n"
                        + cluster.logTail("worker-2", 120), stuck);
            }
            assertEquals("completed", done.get("status").asString(), done.toString());
        }

        try (Connection sql = cluster.connect()) {
            for (String id : ids) {
                assertEquals(1, count(sql, "select count(*) from session_log where session_id = ? and message like"
                        + " 'revision 1: completed%'", id), "session " + id + " completed exactly once");
                assertEquals(1, count(sql, "select count(*) from revisions where session_id = ? and status = 'completed'", id));
            }
            assertEquals(0, count(sql, "select count(*) from scheduled_tasks where task_name = 'mix-session'"),
                    "no job is left over");
            assertTrue(count(sql, "select count(*) from mix_sessions where id = ? and attempts >= 2", interrupted) == 1,
                    "the job of the killed worker ran again on the other");
        }

        // Downloads stream from either web node, ranges too (the player seeks).
        HttpClient http = HttpClient.newHttpClient();
        for (String id : ids.subList(0, 4)) {
            byte[] first = download(http, web[0], me[0].token(), id, null).body();
            HttpResponse<byte[]> ranged = download(http, web[1], me[0].token(), id, "bytes=1000-1999");
            assertEquals(206, ranged.statusCode());
            assertArrayEquals(java.util.Arrays.copyOfRange(first, 1000, 2000), ranged.body());
            assertArrayEquals(first, download(http, web[1], me[0].token(), id, null).body());
        }

        // A browser session made on one web node is good on the other (sessions live in the database).
        BrowserLike browser = new BrowserLike("http://localhost:" + web[0]);
        browser.signIn("ada@example.com", PASSWORD);
        HttpResponse<String> dashboard = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + web[1] + "/dashboard"))
                .header("Cookie", browser.cookieHeaderValue()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, dashboard.statusCode());
        assertTrue(dashboard.body().contains("Song 3"), "the other node knows who is signed in");

        // A lockout made on one node holds on the other, and after that node restarts.
        new ApiClient("http://localhost:" + web[0]).signUpAndToken("Bo", "bo@example.com", PASSWORD, "2026-11-01");
        for (int i = 0; i < 3; i++) {
            assertEquals(401, tokenStatus(http, web[0], "bo@example.com", "wrong password " + i));
        }
        assertNotEquals(201, tokenStatus(http, web[1], "bo@example.com", PASSWORD), "locked out on the other node");
        web2.destroy();
        assertTrue(web2.waitFor(60, TimeUnit.SECONDS));
        cluster.start("web", "web-2", web[1]);
        assertNotEquals(201, tokenStatus(http, web[1], "bo@example.com", PASSWORD), "still locked out after a restart");

        // The bucket holds exactly the outputs: no originals, no working copies, nothing of no session.
        List<String> keys = s3.keys();
        Map<String, Integer> perSession = new HashMap<>();
        for (String key : keys) {
            String[] parts = key.split("/");
            assertTrue(parts.length >= 4 && parts[0].equals("sessions") && ids.contains(parts[1]) && parts[2].equals("output"),
                    "unexpected object " + key);
            perSession.merge(parts[1], 1, Integer::sum);
        }
        for (String id : ids) {
            assertTrue(keys.contains("sessions/" + id + "/output/r1/mix.wav"), id);
            assertTrue(keys.contains("sessions/" + id + "/output/sum.wav"), id);
        }
        assertEquals(SESSIONS, perSession.size());
    }

    private static HttpResponse<byte[]> download(HttpClient http, int port, String token, String id, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/sessions/" + id
                + "/mix.wav")).header("Authorization", "Bearer " + token).GET();
        if (range != null) {
            request.header("Range", range);
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(range == null ? 200 : 206, response.statusCode(), new String(response.body()));
        return response;
    }

    private static int tokenStatus(HttpClient http, int port, String email, String password) throws Exception {
        String basic = java.util.Base64.getEncoder().encodeToString((email + ":" + password).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/tokens"))
                .header("Authorization", "Basic " + basic).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static int count(Connection sql, String query, String... params) throws Exception {
        try (PreparedStatement statement = sql.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                statement.setString(i + 1, params[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
