package org.neuromix.app.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMailUtil;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.account.Mailer;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.BrowserLike;
import org.neuromix.app.testing.ServiceTest;
import org.neuromix.app.testing.TestClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A breach notice, as an administrator sends it from the admin page: the dry run lists exactly the
 * accounts with data in the period and sends nothing; notifying emails each of them once with
 * the contents GDPR Art. 34 asks for, nobody else, and never twice; they see it at their next
 * sign-in until they mark it read. Shares the running service (and its moved clock) with RetentionTest.
 */
@Import(RetentionTest.Clocks.class)
class BreachNoticeTest extends ServiceTest {
    private static final String SUBJECT = "a security incident at NeuroMix";

    @Autowired
    TestClock clock;
    @Autowired
    AccountService accounts;
    @Autowired
    BreachNotices breaches;
    @Autowired
    Mailer mailer;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.set(Duration.ZERO);
    }

    static BrowserLike staff(AccountService accounts, String base, String role) {
        String email = role.toLowerCase(java.util.Locale.ROOT) + "-" + System.nanoTime() + "@neuromix.local";
        accounts.createOrPromoteStaff("Staff " + role, email, "staff password 3 long", role);
        BrowserLike browser = new BrowserLike(base);
        browser.signIn(email, "staff password 3 long");
        return browser;
    }

    private static long mails(String to, String subject) throws Exception {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> recipient(m).equalsIgnoreCase(to))
                .filter(m -> subject(m).contains(subject)).count();
    }

    private static String recipient(MimeMessage m) {
        try {
            return m.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }

    private static String minute(Instant t) {
        return LocalDateTime.ofInstant(t.truncatedTo(ChronoUnit.MINUTES), ZoneOffset.UTC).toString(); // as datetime-local sends it
    }

    private static Map<String, String> form(String selection, Instant dataFrom, Instant dataTo, String action) {
        Map<String, String> form = new HashMap<>();
        form.put("whatHappened", "A backup copy of the database was readable from the internet.");
        form.put("happenedFrom", "2027-01-05T10:00");
        form.put("happenedTo", "2027-01-06T09:30");
        form.put("dataConcerned", "Names, email addresses and session names; no passwords and no audio.");
        form.put("likelyConsequences", "Unwanted emails (phishing) that use your name.");
        form.put("measuresTaken", "The copy is deleted and access is closed; be wary of emails asking for your password.");
        form.put("contact", "Data protection officer, dpo@neuromix.example");
        form.put("selection", selection);
        form.put("dataFrom", dataFrom == null ? "" : minute(dataFrom));
        form.put("dataTo", dataTo == null ? "" : minute(dataTo));
        form.put("action", action);
        return form;
    }

    @Test
    void aNoticeReachesExactlyTheAccountsWithDataInThePeriodOnceWithWhatArticle34AsksFor() throws Exception {
        ApiClient before = newUser("Bea");
        ApiClient active = newUser("Abe");
        ApiClient idle = newUser("Ida");
        // Only Abe makes a session in the affected period (400 days on: nobody else has data then).
        clock.set(Duration.ofDays(400));
        Instant periodFrom = clock.instant().minus(Duration.ofHours(1));
        assertEquals(201, active.post("/api/v1/sessions", "{\"name\":\"In the period\"}").status());
        Instant periodTo = clock.instant().plus(Duration.ofHours(1));
        clock.set(Duration.ofDays(402));

        BrowserLike admin = staff(accounts, base(), "ADMIN");
        int incidents = count("select count(*) from breach_incidents");
        String dryRun = admin.postForm("/admin/breaches", form("data-between", periodFrom, periodTo, "dry-run"));
        assertEquals(200, admin.status(), dryRun);
        assertTrue(dryRun.contains("id=\"would-notify-count\">1<"), dryRun);
        assertTrue(dryRun.contains(active.email()), "the dry run lists whom it would notify");
        assertFalse(dryRun.contains(before.email()) || dryRun.contains(idle.email()), "and nobody else");
        assertTrue(dryRun.contains("A backup copy of the database"), "the form keeps what was typed");
        assertEquals(incidents, count("select count(*) from breach_incidents"), "a dry run records nothing");
        mailer.flush();
        assertEquals(0, mails(active.email(), SUBJECT), "and sends nothing");

        String sent = admin.postForm("/admin/breaches", form("data-between", periodFrom, periodTo, "notify"));
        assertTrue(sent.contains("emailed to 1 accounts"), sent);
        long incidentId = jdbc.sql("select max(id) from breach_incidents").query(Long.class).single();
        mailer.flush();
        assertEquals(1, mails(active.email(), SUBJECT));
        assertEquals(0, mails(before.email(), SUBJECT) + mails(idle.email(), SUBJECT), "only the selected accounts");
        MimeMessage notice = Arrays.stream(MAIL.getReceivedMessages()).filter(m -> recipient(m).equalsIgnoreCase(active.email())
                && subject(m).contains(SUBJECT)).findFirst().orElseThrow();
        String body = GreenMailUtil.getBody(notice).replace("=\r\n", "");
        for (String part : List.of("What happened:", "A backup copy of the database was readable", "When: from 2027-01-05T10:00:00Z to"
                + " 2027-01-06T09:30:00Z (UTC)", "Which data it concerns:", "Names, email addresses", "Likely consequences:",
                "phishing", "Measures taken or proposed:", "The copy is deleted", "Contact:", "dpo@neuromix.example")) {
            assertTrue(body.contains(part), part + " in: " + body);
        }
        assertEquals(0, breaches.sendPending(incidentId), "a repeated send emails nobody again");
        mailer.flush();
        assertEquals(1, mails(active.email(), SUBJECT), "exactly once");

        long activeId = active.get("/api/v1/accounts/me").json().get("id").asLong();
        assertEquals(1, count("select count(*) from audit_log where kind = 'BREACH_RECORDED' and detail like ?",
                "breach incident #" + incidentId + " %"));
        assertEquals(1, count("select count(*) from audit_log where kind = 'BREACH_NOTICE_EMAILED' and account_id = ?", activeId));
        assertTrue(count("select count(*) from audit_log where kind = 'BREACH_DRY_RUN'") >= 1);
        assertFalse(jdbc.sql("select detail from audit_log where kind like 'BREACH%'").query(String.class).list().stream()
                .anyMatch(d -> d.contains("@")), "the audit holds no addresses");

        // At the next sign-in: a notice on every page until it is marked read.
        BrowserLike abe = new BrowserLike(base());
        assertTrue(abe.signIn(active.email(), PASSWORD).contains("id=\"breach-notice\""));
        String notices = abe.get("/account/breach-notices");
        assertTrue(notices.contains("A backup copy of the database") && notices.contains("dpo@neuromix.example"), notices);
        BrowserLike ida = new BrowserLike(base());
        assertFalse(ida.signIn(idle.email(), PASSWORD).contains("id=\"breach-notice\""), "not for others");
        ida.postForm("/account/breach-notices/" + incidentId + "/seen", Map.of());
        assertEquals(404, ida.status(), "someone else's notice is not found");
        assertEquals(1, count("select count(*) from breach_notices where incident_id = ? and account_id = ? and seen_at is null",
                incidentId, activeId), "nobody marks another's notice read");
        abe.postForm("/account/breach-notices/" + incidentId + "/seen", Map.of());
        assertEquals(1, count("select count(*) from breach_notices where incident_id = ? and account_id = ? and seen_at is not null",
                incidentId, activeId));
        assertFalse(abe.get("/dashboard").contains("id=\"breach-notice\""), "gone once read");
        assertEquals(1, count("select count(*) from audit_log where kind = 'BREACH_NOTICE_SEEN' and account_id = ?", activeId));
        assertTrue(admin.get("/admin/breaches").contains("A backup copy of the database"), "the incident is listed");

        // The notice is in the person's export.
        String export = org.neuromix.app.testing.Zips.texts(active.get("/api/v1/accounts/" + activeId + "/export").raw().body())
                .get("breach-notices.json");
        assertTrue(export.contains("A backup copy of the database") && export.contains("likelyConsequences"), export);
    }

    @Test
    void allAccountsMeansEveryAccountAndTheFormRefusesWhatIsMissingOrMalformed() throws Exception {
        newUser("Cai");
        BreachNotices.Incident all = BreachNotices.Incident.of("What happened", "2027-01-01", "", "Which data", "Consequences",
                "Measures", "Contact", "all", null, null);
        int accountsNow = count("select count(*) from accounts");
        assertEquals(accountsNow, breaches.dryRun(all, null).size());
        assertEquals(all.happenedFrom(), all.happenedTo(), "an empty end means the same instant");

        BrowserLike admin = staff(accounts, base(), "ADMIN");
        Map<String, String> noContact = form("all", null, null, "notify");
        noContact.put("contact", " ");
        String page = admin.postForm("/admin/breaches", noContact);
        assertEquals(400, admin.status());
        assertTrue(page.contains("give whom to contact"), page);
        Map<String, String> badTime = form("data-between", Instant.now(), null, "dry-run");
        assertTrue(admin.postForm("/admin/breaches", badTime).contains("give the end of the affected period"));
        badTime.put("dataTo", "next tuesday");
        assertTrue(admin.postForm("/admin/breaches", badTime).contains("is not a time"));
        Map<String, String> backwards = form("all", null, null, "dry-run");
        backwards.put("happenedTo", "2027-01-01T00:00");
        assertTrue(admin.postForm("/admin/breaches", backwards).contains("cannot end before it started"));
        Map<String, String> nobody = form("some", null, null, "dry-run");
        assertTrue(admin.postForm("/admin/breaches", nobody).contains("choose whom to notify"));
        assertEquals(403, admin.postWithoutCsrf("/admin/breaches", form("all", null, null, "notify")), "CSRF");

        BrowserLike support = staff(accounts, base(), "SUPPORT");
        support.get("/admin/breaches");
        assertEquals(403, support.status(), "administrators only");
        support.postForm("/admin/breaches", form("all", null, null, "notify"));
        assertEquals(403, support.status());
    }
}
