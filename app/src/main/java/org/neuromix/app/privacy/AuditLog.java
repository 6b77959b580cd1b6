package org.neuromix.app.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the service did with people's data — purges, exports, staff views, refused requests,
 * breach notices, guardian deletions, rights requests —
 * recorded with ids and counts only: never names, emails or content.
 */
@Repository
public class AuditLog {
    /** The kinds of record. */
    public enum Kind {
        PURGE_ORIGINALS, PURGE_OUTPUT, PURGE_ACCOUNT, PURGE_LOGS, PURGE_EMAIL_LOG, PURGE_PROCESSING_LOG,
        EXPIRY_NOTICE, EXPORT, ACCOUNT_DELETION_REQUESTED, ACCOUNT_DELETION_CANCELLED, SUPPORT_GRANTED,
        SUPPORT_GRANT_REVOKED, STAFF_VIEW_ACCOUNT, STAFF_AUDIO_ACCESS, REFUSED,
        BREACH_DRY_RUN, BREACH_RECORDED, BREACH_NOTICE_EMAILED, BREACH_NOTICE_SEEN, GUARDIAN_DELETION,
        RIGHTS_REQUEST_RECEIVED, RIGHTS_REQUEST_VERIFIED, STAFF_VIEW_RIGHTS_REQUEST, RIGHTS_REQUEST_ANSWERED,
        RIGHTS_REQUEST_CLOSED
    }

    public record Entry(long id, Instant at, String kind, Long accountId, String sessionId, Long actorId, String detail) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void record(Kind kind, Long accountId, String sessionId, Long actorId, String detail) {
        jdbc.sql("insert into audit_log (at, kind, account_id, session_id, actor_id, detail) values (?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), kind.name(), accountId, sessionId, actorId,
                        detail.length() > 500 ? detail.substring(0, 500) : detail)
                .update();
    }

    private static Entry map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        long account = rs.getLong("account_id");
        Long accountId = rs.wasNull() ? null : account;
        long actor = rs.getLong("actor_id");
        Long actorId = rs.wasNull() ? null : actor;
        return new Entry(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("kind"), accountId,
                rs.getString("session_id"), actorId, rs.getString("detail"));
    }

    /** What concerns one account (for its owner's export). */
    public List<Entry> about(long accountId) {
        return jdbc.sql("select * from audit_log where account_id = ? order by at, id").param(accountId).query(AuditLog::map).list();
    }

    public List<Entry> latest(int offset, int limit) {
        return jdbc.sql("select * from audit_log order by at desc, id desc limit ? offset ?").params(limit, offset)
                .query(AuditLog::map).list();
    }

    public int count() {
        return jdbc.sql("select count(*) from audit_log").query(Integer.class).single();
    }
}
