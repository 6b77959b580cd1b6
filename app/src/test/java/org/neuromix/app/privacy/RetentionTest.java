package org.neuromix.app.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.account.Mailer;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.BrowserLike;
import org.neuromix.app.testing.Mails;
import org.neuromix.app.testing.ServiceTest;
import org.neuromix.app.testing.TestClock;
import org.neuromix.app.testing.TestStems;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each retention rule of the privacy policy at its limit, with the service's clock moved: checked
 * on disk and in the database, not only through the API. Plus account deletion and restore, the
 * export, staff access under grants, and what forged or foreign requests get.
 */
@Import(RetentionTest.Clocks.class)
class RetentionTest extends ServiceTest {
    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    @Autowired
    TestClock clock;
    @Autowired
    Retention retention;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccountService accounts;
    @Autowired
    Mailer mailer;
    @Autowired
    Clock springClock;

    @TempDir
    Path folder;

    @AfterEach
    void resetClock() {
        clock.set(Duration.ZERO);
    }

    private String completedSession(ApiClient me) throws Exception {
        String id = me.post("/api/v1/sessions", "{\"name\":\"Kept song\"}").json().get("id").asString();
        me.upload("/api/v1/sessions/" + id + "/files", TestStems.write(Files.createDirectories(folder.resolve(id)), 3));
        me.postEmpty("/api/v1/sessions/" + id + "/start");
        assertEquals("completed", me.awaitDone(id, Duration.ofMinutes(2)).get("status").asString());
        return id;
    }

    private Path output(String id) {
        return DATA.resolve("files/sessions/" + id + "/output");
    }

    private int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }

    @Test
    void mixedAudioIsKeptSevenDaysWithANoticeTheDayBefore() throws Exception {
        assertTrue(springClock instanceof TestClock, "the service runs on the test clock");
        ApiClient me = newUser("Olga");
        String id = completedSession(me);
        assertTrue(Files.isRegularFile(output(id).resolve("r1/mix.wav")));
        assertFalse(Files.exists(DATA.resolve("files/sessions/" + id + "/originals")), "originals went at completion");

        clock.set(Duration.ofDays(6).plusHours(1));
        BrowserLike browser = new BrowserLike(base());
        browser.signIn(me.email(), PASSWORD);
        assertTrue(browser.get("/dashboard").matches("(?s).*kept in 2[23] hours.*"), "the dashboard counts down");
        assertTrue(browser.get("/sessions/" + id).contains("id=\"countdown\">in 2"), "so does the session page");
        retention.sweep();
        mailer.flush();
        Mails.latest(MAIL, me.email(), "will be deleted soon");
        assertEquals(1, count("select count(*) from audit_log where kind = 'EXPIRY_NOTICE' and session_id = ?", id));
        retention.sweep();
        assertEquals(1, count("select count(*) from audit_log where kind = 'EXPIRY_NOTICE' and session_id = ?", id), "once");

        clock.set(Duration.ofDays(7).minusHours(1));
        retention.sweep();
        assertTrue(Files.isRegularFile(output(id).resolve("r1/mix.wav")), "present at 6 days 23 hours");
        assertEquals(200, me.get("/api/v1/sessions/" + id + "/mix.wav").status());

        clock.set(Duration.ofDays(7).plusMinutes(1));
        retention.sweep();
        assertFalse(Files.exists(output(id)), "gone from the disk at 7 days");
        assertNotNull(jdbc.sql("select output_deleted_at from mix_sessions where id = ?").param(id)
                .query(java.sql.Timestamp.class).single());
        assertEquals(410, me.get("/api/v1/sessions/" + id + "/mix.wav").status());
        assertEquals(200, me.get("/api/v1/sessions/" + id + "/report").status(), "the report stays");
        assertEquals(200, me.get("/api/v1/sessions/" + id + "/plan").status(), "the plan stays");
        String audit = jdbc.sql("select detail from audit_log where kind = 'PURGE_OUTPUT' and session_id = ?").param(id)
                .query(String.class).single();
        assertFalse(audit.contains(me.email()) || audit.contains("Kept song"), "no personal data or content: " + audit);
    }

    @Test
    void aDeletedAccountIsKeptThirtyDaysThenEverythingGoes() throws Exception {
        ApiClient me = newUser("Dora");
        String id = completedSession(me);
        long accountId = me.get("/api/v1/accounts/me").json().get("id").asLong();
        ApiClient.Response deletion = me.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base()
                        + "/api/v1/accounts/" + accountId)).header("Authorization", "Bearer " + me.token())
                .header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\":\"" + PASSWORD + "\"}")).build());
        assertEquals(202, deletion.status(), deletion.body());
        assertEquals(401, me.get("/api/v1/sessions").status(), "deactivated at once: tokens revoked");
        assertEquals(403, api().withToken(null).send(basic(me.email())).status(), "no new tokens either (deactivated)");

        clock.set(Duration.ofDays(29));
        retention.sweep();
        assertEquals(1, count("select count(*) from accounts where id = ?", accountId), "present at 29 days");
        assertEquals(1, count("select count(*) from mix_sessions where owner_id = ?", accountId), "with its session history");
        assertTrue(Files.exists(DATA.resolve("files/sessions/" + id + "/output")) || count(
                "select count(*) from mix_sessions where id = ? and output_deleted_at is not null", id) == 1,
                "the audio went at 7 days, as for everyone");

        clock.set(Duration.ofDays(30).plusMinutes(1));
        retention.sweep();
        assertEquals(0, count("select count(*) from accounts where id = ?", accountId), "gone at 30 days");
        assertEquals(0, count("select count(*) from mix_sessions where owner_id = ?", accountId));
        assertEquals(0, count("select count(*) from revisions where session_id = ?", id));
        assertEquals(0, count("select count(*) from email_log where account_id = ?", accountId));
        assertFalse(Files.exists(DATA.resolve("files/sessions/" + id)), "every file of the account is gone");
        String audit = jdbc.sql("select detail from audit_log where kind = 'PURGE_ACCOUNT' and account_id = ?").param(accountId)
                .query(String.class).single();
        assertFalse(audit.contains(me.email()), audit);
        BrowserLike browser = new BrowserLike(base());
        browser.signIn(me.email(), PASSWORD);
        assertTrue(browser.get("/account/export").contains("Sign in"), "no sign-in, no export after the grace period");
    }

    @Test
    void aCancelledDeletionKeepsEverythingAndTheLinkWorksOnce() throws Exception {
        ApiClient me = newUser("Cleo");
        String id = completedSession(me);
        BrowserLike browser = new BrowserLike(base());
        browser.signIn(me.email(), PASSWORD);
        assertTrue(browser.postForm("/account/delete", Map.of("password", PASSWORD)).contains("deactivated"));
        String link = Mails.link(Mails.latest(MAIL, me.email(), "will be deleted"), "/restore");
        assertTrue(api().get(link).body().contains("restored"));
        assertTrue(api().get(link).body().contains("does not work"), "a replayed restore link is refused");
        assertEquals(1, count("select count(*) from audit_log where kind = 'REFUSED' and detail like 'restore link%'"));

        clock.set(Duration.ofDays(31));
        retention.sweep();
        assertEquals(1, count("select count(*) from accounts where email = ?", me.email()));
        assertTrue(Files.exists(DATA.resolve("files/sessions/" + id + "/output/r1")) || count(
                "select count(*) from mix_sessions where id = ? and output_deleted_at is not null", id) == 1);
        assertEquals(1, count("select count(*) from mix_sessions where id = ?", id), "the session history is kept");
        BrowserLike again = new BrowserLike(base());
        assertTrue(again.signIn(me.email(), PASSWORD).contains("Your sessions"), "signs in normally");

        // Signing in during the grace period also restores.
        clock.set(Duration.ZERO);
        assertTrue(again.postForm("/account/delete", Map.of("password", PASSWORD)).contains("deactivated"));
        BrowserLike third = new BrowserLike(base());
        assertTrue(third.signIn(me.email(), PASSWORD).contains("scheduled for deletion"));
        third.postForm("/restore", Map.of());
        assertEquals(0, count("select count(*) from accounts where email = ? and deletion_requested_at is not null", me.email()));
    }

    @Test
    void supportHearsAudioOnlyWhileGrantedAndEveryLookIsInTheExport() throws Exception {
        ApiClient me = newUser("Gina");
        String id = completedSession(me);
        String staffEmail = "support-" + System.nanoTime() + "@neuromix.local";
        accounts.createOrPromoteStaff("Sam Support", staffEmail, "support password 1", "SUPPORT");
        BrowserLike staff = new BrowserLike(base());
        staff.signIn(staffEmail, "support password 1");
        assertTrue(staff.get("/support?email=" + me.email()).contains(id), "metadata is visible");
        staff.get("/support/sessions/" + id + "/mix.wav");
        assertEquals(403, staff.status(), "no audio without a grant");

        BrowserLike owner = new BrowserLike(base());
        owner.signIn(me.email(), PASSWORD);
        owner.postForm("/sessions/" + id + "/support-access", Map.of("hours", "24"));
        staff.get("/support/sessions/" + id + "/mix.wav");
        assertEquals(200, staff.status(), "audio while granted");

        clock.set(Duration.ofHours(25));
        staff.get("/support/sessions/" + id + "/mix.wav");
        assertEquals(403, staff.status(), "not after the grant expired");
        clock.set(Duration.ZERO);

        BrowserLike user = new BrowserLike(base());
        user.signIn(me.email(), PASSWORD);
        assertEquals(403, statusOf(user, "/support?email=" + me.email()), "a user is not staff");
        Map<String, String> export = unzip(me.get("/api/v1/accounts/" + me.get("/api/v1/accounts/me").json().get("id").asLong()
                + "/export").raw().body());
        String audit = export.get("audit.json");
        assertTrue(audit.contains("STAFF_VIEW_ACCOUNT"), audit);
        assertEquals(1, audit.split("STAFF_AUDIO_ACCESS", -1).length - 1, "one access: " + audit);
        assertTrue(audit.contains("SUPPORT_GRANTED") && audit.contains("\"REFUSED\""), audit);
        assertTrue(export.get("account.json").contains(me.email()));
        assertTrue(export.get("sessions.json").contains(id) && export.get("sessions.json").contains("\"plan\""));
        assertTrue(export.get("email-log.json").contains("Confirm your email"));
    }

    @Test
    void foreignExportsDeletionsAndForgedGrantsAreRefusedAndAudited() throws Exception {
        ApiClient victim = newUser("Vic");
        ApiClient mallory = newUser("Mal");
        String id = completedSession(victim);
        long victimId = victim.get("/api/v1/accounts/me").json().get("id").asLong();
        assertEquals(403, mallory.get("/api/v1/accounts/" + victimId + "/export").status());
        assertEquals(403, mallory.delete("/api/v1/accounts/" + victimId).status());
        BrowserLike browser = new BrowserLike(base());
        browser.signIn(mallory.email(), PASSWORD);
        browser.postForm("/sessions/" + id + "/support-access", Map.of("hours", "24"));
        assertEquals(404, browser.status(), "a grant on someone else's session");
        assertEquals(3, count("select count(*) from audit_log where kind = 'REFUSED' and (account_id = ? or session_id = ?)",
                victimId, id));
        assertEquals(0, count("select count(*) from support_grants where session_id = ?", id));
        assertEquals(200, victim.get("/api/v1/accounts/me").status(), "the victim is untouched");
    }

    @Test
    void logsAndTheEmailLogAreKeptForTheirPeriods() throws Exception {
        ApiClient me = newUser("Lou");
        String id = completedSession(me);
        long accountId = me.get("/api/v1/accounts/me").json().get("id").asLong();
        Path logs = Files.createDirectories(DATA.resolve("logs"));
        Path oldLog = Files.writeString(logs.resolve("neuromix-2026-08-01.0.log.gz"), "old");
        Path recentLog = Files.writeString(logs.resolve("neuromix-recent.log"), "recent");
        Instant now = Instant.now();
        Files.setLastModifiedTime(oldLog, FileTime.from(now.minus(Duration.ofDays(91))));
        Files.setLastModifiedTime(recentLog, FileTime.from(now.minus(Duration.ofDays(89))));
        assertTrue(count("select count(*) from session_log where session_id = ?", id) > 0, "the job wrote a processing log");
        retention.sweep();
        assertFalse(Files.exists(oldLog), "a log file last written 91 days ago is deleted");
        assertTrue(Files.exists(recentLog), "one of 89 days is kept");

        clock.set(Duration.ofDays(89));
        retention.sweep();
        assertTrue(count("select count(*) from session_log where session_id = ?", id) > 0, "present at 89 days");

        clock.set(Duration.ofDays(90).plusMinutes(1));
        retention.sweep();
        assertEquals(0, count("select count(*) from session_log where session_id = ?", id), "gone at 90 days");
        assertTrue(count("select count(*) from email_log where account_id = ?", accountId) > 0);

        clock.set(Duration.ofDays(1094));
        retention.sweep();
        assertTrue(count("select count(*) from email_log where account_id = ?", accountId) > 0, "present at 1094 days");
        clock.set(Duration.ofDays(1095).plusMinutes(1));
        retention.sweep();
        assertEquals(0, count("select count(*) from email_log where account_id = ?", accountId), "gone at 3 years");
    }

    private java.net.http.HttpRequest basic(String email) {
        return java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + "/api/v1/tokens"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString((email + ":" + PASSWORD)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build();
    }

    private static int statusOf(BrowserLike browser, String path) {
        browser.get(path);
        return browser.status();
    }

    private static Map<String, String> unzip(byte[] zip) throws Exception {
        Map<String, String> entries = new HashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertEquals(List.of("account.json", "audit.json", "breach-notices.json", "email-log.json", "rights-requests.json",
                        "sessions.json"),
                entries.keySet().stream().sorted().toList());
        return entries;
    }
}
