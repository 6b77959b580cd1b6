package org.neuromix.app.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.account.Mailer;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.BrowserLike;
import org.neuromix.app.testing.Mails;
import org.neuromix.app.testing.ServiceTest;
import org.neuromix.app.testing.TestClock;
import org.neuromix.app.testing.Zips;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A rights request from someone not signed in: the address is confirmed by an emailed link, staff
 * see the request with its due date (received + 30 days), it is flagged overdue on /admin and in
 * the metrics once the clock passes that date, staff answer (emailed) and close it, and all of it
 * is in the person's export and audit. Also: signed in, invalid input, staff only.
 */
@Import(RetentionTest.Clocks.class)
class RightsRequestTest extends ServiceTest {
    private static final Pattern OVERDUE_GAUGE = Pattern.compile("neuromix_rights_requests\\{[^}]*state=\"overdue\"[^}]*} ([0-9.]+)");

    @Autowired
    TestClock clock;
    @Autowired
    AccountService accounts;
    @Autowired
    Mailer mailer;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void resetClock() {
        clock.set(Duration.ZERO);
    }

    private double overdueGauge() throws Exception {
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base()
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = OVERDUE_GAUGE.matcher(metrics.body());
        assertTrue(m.find(), "the overdue gauge is published");
        return Double.parseDouble(m.group(1));
    }

    private int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }

    @Test
    void aRequestShowsItsDueDateGoesOverdueOnAMovedClockAndIsInTheExport() throws Exception {
        ApiClient person = newUser("Petra");
        long accountId = person.get("/api/v1/accounts/me").json().get("id").asLong();
        BrowserLike anonymous = new BrowserLike(base());
        String details = "My name is misspelt: it is Petra, not Petr.";
        String answerPage = anonymous.postForm("/privacy/requests", Map.of("kind", "correction", "email", person.email(),
                "details", details));
        assertTrue(answerPage.contains("Check your email"), answerPage);
        long id = jdbc.sql("select id from rights_requests where email = ? and kind = 'CORRECTION'").param(person.email())
                .query(Long.class).single();
        BrowserLike supportStaff = BreachNoticeTest.staff(accounts, base(), "SUPPORT");
        assertFalse(supportStaff.get("/support/requests").contains("id=\"request-" + id + "\""), "not a request until confirmed");

        String link = Mails.link(Mails.latest(MAIL, person.email(), "Confirm your request"), "/privacy/requests/verify");
        assertTrue(anonymous.get(link).contains("Request confirmed"));
        assertTrue(anonymous.get(link).contains("This link does not work"), "the link works once");
        Instant received = jdbc.sql("select received_at from rights_requests where id = ?").param(id).query(Timestamp.class)
                .single().toInstant();
        Instant due = jdbc.sql("select due_at from rights_requests where id = ?").param(id).query(Timestamp.class).single().toInstant();
        assertEquals(received.plus(Duration.ofDays(30)), due, "due 30 days after it was received");

        String list = supportStaff.get("/support/requests");
        Matcher row = Pattern.compile("(?s)<tr id=\"request-" + id + "\"([^>]*)>(.*?)</tr>").matcher(list);
        assertTrue(row.find(), list);
        assertTrue(row.group(2).contains(due.toString()), "the due date is shown: " + row.group(2));
        assertFalse(row.group(1).contains("overdue"), "not overdue yet");
        BrowserLike admin = BreachNoticeTest.staff(accounts, base(), "ADMIN");

        // Past the due date: flagged on the staff list, on /admin and in the metrics.
        Instant later = clock.instant().plus(Duration.ofDays(31));
        int expectedOverdue = count("select count(*) from rights_requests where status = 'OPEN' and due_at < ?", Timestamp.from(later));
        clock.set(Duration.ofDays(31));
        row = Pattern.compile("(?s)<tr id=\"request-" + id + "\"([^>]*)>(.*?)</tr>").matcher(supportStaff.get("/support/requests"));
        assertTrue(row.find());
        assertTrue(row.group(1).contains("overdue") && row.group(2).contains("OVERDUE"), row.group());
        assertTrue(admin.get("/admin").contains("id=\"rights-overdue\""), "flagged on /admin");
        assertEquals(expectedOverdue, overdueGauge(), 0.0);
        assertTrue(expectedOverdue >= 1);

        // Staff open, answer and close it.
        String opened = supportStaff.get("/support/requests/" + id);
        assertTrue(opened.contains(details) && opened.contains("(OVERDUE)"), opened);
        supportStaff.postForm("/support/requests/" + id + "/answer", Map.of("answer", "Corrected: your name is now Petra."));
        assertTrue(supportStaff.lastBody().contains("is emailed"), supportStaff.lastBody());
        mailer.flush();
        assertTrue(Mails.latest(MAIL, person.email(), "The answer to your request").getContent().toString()
                .contains("Corrected: your name is now Petra."));
        assertEquals(expectedOverdue - 1, overdueGauge(), 0.0, "answered: no longer overdue");
        supportStaff.postForm("/support/requests/" + id + "/close", Map.of("note", ""));
        assertFalse(supportStaff.lastBody().contains("id=\"request-" + id + "\""), "closed requests leave the list");
        clock.set(Duration.ZERO);

        Map<String, String> export = Zips.texts(person.get("/api/v1/accounts/" + accountId + "/export").raw().body());
        String requestsJson = export.get("rights-requests.json");
        for (String part : new String[] {"\"correction\"", "Petra, not Petr", "Corrected: your name is now Petra.", "\"closed\"",
            "\"dueAt\" : \"" + due}) {
            assertTrue(requestsJson.contains(part), part + " in " + requestsJson);
        }
        String audit = export.get("audit.json");
        for (String kind : new String[] {"RIGHTS_REQUEST_VERIFIED", "STAFF_VIEW_RIGHTS_REQUEST", "RIGHTS_REQUEST_ANSWERED",
            "RIGHTS_REQUEST_CLOSED"}) {
            assertTrue(audit.contains(kind), kind + " in " + audit);
        }
        assertEquals(1, count("select count(*) from audit_log where kind = 'RIGHTS_REQUEST_RECEIVED' and detail like ?",
                "correction request #" + id + " %"));
    }

    @Test
    void signedInRequestsOpenAtOnceBadInputIsRefusedAndOnlyStaffSeeRequests() throws Exception {
        ApiClient person = newUser("Sid");
        BrowserLike browser = new BrowserLike(base());
        browser.signIn(person.email(), PASSWORD);
        String done = browser.postForm("/privacy/requests", Map.of("kind", "objection", "details", "No marketing emails, please.",
                "forChild", "false"));
        assertTrue(done.contains("Request received"), done);
        assertEquals("OPEN", jdbc.sql("select status from rights_requests where email = ? and kind = 'OBJECTION'")
                .param(person.email()).query(String.class).single());

        String badKind = browser.postForm("/privacy/requests", Map.of("kind", "everything", "details", "x"));
        assertEquals(400, browser.status());
        assertTrue(badKind.contains("choose what you ask for"), badKind);
        String noDetails = browser.postForm("/privacy/requests", Map.of("kind", "correction", "details", "  "));
        assertEquals(400, browser.status());
        assertTrue(noDetails.contains("give what is wrong and what it should say"), noDetails);
        BrowserLike anonymous = new BrowserLike(base());
        String badEmail = anonymous.postForm("/privacy/requests", Map.of("kind", "access", "email", "not an address"));
        assertEquals(400, anonymous.status());
        assertTrue(badEmail.contains("give a valid email address"), badEmail);
        assertEquals(403, anonymous.postWithoutCsrf("/privacy/requests", Map.of("kind", "access", "email", "a@example.com")));
        assertTrue(anonymous.get("/privacy/requests?kind=deletion&forChild=true").contains("id=\"for-child\" value=\"true\" checked"),
                "the guardian link preselects the form");

        browser.get("/support/requests");
        assertEquals(403, browser.status(), "staff only");
    }
}
