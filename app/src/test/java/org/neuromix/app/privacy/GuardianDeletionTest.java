package org.neuromix.app.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.account.Mailer;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.BrowserLike;
import org.neuromix.app.testing.ServiceTest;
import org.neuromix.app.testing.TestStems;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A parent's or guardian's deletion request carried out by an administrator: the account and
 * everything of it go at once — no row in any table that refers to an account, no file — without
 * a grace period or a restore link, and the reason is audited. Other staff cannot do it.
 */
@Import(RetentionTest.Clocks.class)
class GuardianDeletionTest extends ServiceTest {
    @Autowired
    AccountService accounts;
    @Autowired
    RightsRequests requests;
    @Autowired
    BreachNotices breaches;
    @Autowired
    Mailer mailer;
    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path folder;

    private int count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Integer.class).single();
    }

    @Test
    void aGuardianDeletionLeavesNoRowAndNoFileOfTheAccount() throws Exception {
        ApiClient child = newUser("Kid");
        ApiClient other = newUser("Grownup");
        long childId = child.get("/api/v1/accounts/me").json().get("id").asLong();
        String sessionId = child.post("/api/v1/sessions", "{\"name\":\"Kid's song\"}").json().get("id").asString();
        assertEquals(201, child.upload("/api/v1/sessions/" + sessionId + "/files", TestStems.write(folder, 2)).status());
        Path sessionFiles = DATA.resolve("files/sessions/" + sessionId);
        assertTrue(Files.isDirectory(sessionFiles.resolve("originals")));
        // Rows in this feature's own tables too: a rights request and a breach notice.
        requests.submit("access", null, "", false, childId);
        Instant created = jdbc.sql("select created_at from accounts where id = ?").param(childId)
                .query(java.sql.Timestamp.class).single().toInstant();
        breaches.notifyAffected(BreachNotices.Incident.of("What happened", "2027-01-01", "", "Which data", "Consequences",
                "Measures", "Contact", "data-between", created.toString(), created.toString()), null);
        mailer.flush();
        assertEquals(1, count("select count(*) from breach_notices where account_id = ?", childId));

        BrowserLike support = BreachNoticeTest.staff(accounts, base(), "SUPPORT");
        assertFalse(support.get("/support?email=" + child.email()).contains("id=\"guardian-deletion\""), "admins only");
        support.postForm("/admin/accounts/" + childId + "/guardian-deletion", Map.of("reason", "guardian request #1",
                "confirmEmail", child.email()));
        assertEquals(403, support.status());

        BrowserLike admin = BreachNoticeTest.staff(accounts, base(), "ADMIN");
        assertTrue(admin.get("/support?email=" + child.email()).contains("id=\"guardian-deletion\""));
        String refused = admin.postForm("/admin/accounts/" + childId + "/guardian-deletion", Map.of("reason", "guardian request #1",
                "confirmEmail", other.email()));
        assertEquals(400, admin.status());
        assertTrue(refused.contains("type the account"), refused);
        admin.postForm("/admin/accounts/" + childId + "/guardian-deletion", Map.of("reason", "short", "confirmEmail", child.email()));
        assertEquals(400, admin.status(), "a reason is needed");
        assertEquals(1, count("select count(*) from accounts where id = ?", childId), "nothing deleted by a refused request");

        String done = admin.postForm("/admin/accounts/" + childId + "/guardian-deletion", Map.of("reason",
                "guardian request #7 (verified by email)", "confirmEmail", child.email()));
        assertEquals(200, admin.status(), done);
        assertTrue(done.contains("Account deleted"), done);
        mailer.flush();

        // No row: every table with an account column, and the tables that hold the address.
        String schema = jdbc.sql("select current_schema").query(String.class).single();
        List<Map<String, Object>> columns = jdbc.sql("select table_name, column_name from information_schema.columns"
                + " where lower(table_schema) = lower(?) and lower(column_name) in ('account_id', 'owner_id')").param(schema)
                .query().listOfRows();
        assertTrue(columns.size() >= 8, "the account columns are found: " + columns);
        for (Map<String, Object> column : columns) {
            String table = column.get("TABLE_NAME") != null ? (String) column.get("TABLE_NAME") : (String) column.get("table_name");
            String name = column.get("COLUMN_NAME") != null ? (String) column.get("COLUMN_NAME") : (String) column.get("column_name");
            if (table.equalsIgnoreCase("audit_log")) {
                continue; // the audit keeps ids and counts only, by design
            }
            assertEquals(0, count("select count(*) from " + table + " where " + name + " = ?", childId), table + "." + name);
        }
        assertEquals(0, count("select count(*) from accounts where id = ? or email = ?", childId, child.email()));
        assertEquals(0, count("select count(*) from mix_sessions where id = ?", sessionId));
        assertEquals(0, count("select count(*) from session_files where session_id = ?", sessionId));
        assertEquals(0, count("select count(*) from email_log where recipient = ?", child.email()));
        assertEquals(0, count("select count(*) from email_tokens where email = ?", child.email()));
        assertEquals(0, count("select count(*) from rights_requests where email = ?", child.email()));
        // No file.
        assertFalse(Files.exists(sessionFiles), "no stored file of the session");
        assertFalse(Files.exists(DATA.resolve("work/" + sessionId)), "no working copy");

        // At once: no grace period, no restore link, and the reason and the administrator in the audit.
        assertEquals(401, child.get("/api/v1/sessions").status());
        assertFalse(java.util.Arrays.stream(MAIL.getReceivedMessages()).anyMatch(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(child.email())
                        && m.getSubject().contains("will be deleted");
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }), "no restore link");
        String reason = jdbc.sql("select detail from audit_log where kind = 'GUARDIAN_DELETION' and account_id = ? and actor_id is not null")
                .param(childId).query(String.class).single();
        assertTrue(reason.contains("guardian request #7"), reason);
        assertEquals(1, count("select count(*) from audit_log where kind = 'PURGE_ACCOUNT' and account_id = ?", childId));
        assertEquals(1, count("select count(*) from accounts where email = ?", other.email()), "nobody else is touched");
    }
}
