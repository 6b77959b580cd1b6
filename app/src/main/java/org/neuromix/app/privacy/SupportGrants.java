package org.neuromix.app.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A session owner's time-limited permission for support staff to open the session's audio. */
@Repository
public class SupportGrants {
    public static final Duration DEFAULT_LENGTH = Duration.ofHours(24);
    public static final Duration MAX_LENGTH = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final Clock clock;

    SupportGrants(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Instant grant(String sessionId, long ownerId, Duration length) {
        Instant now = clock.instant();
        Instant until = now.plus(length);
        jdbc.sql("insert into support_grants (session_id, account_id, granted_at, expires_at) values (?, ?, ?, ?)")
                .params(sessionId, ownerId, Timestamp.from(now), Timestamp.from(until)).update();
        return until;
    }

    public int revoke(String sessionId) {
        return jdbc.sql("update support_grants set revoked_at = ? where session_id = ? and revoked_at is null")
                .params(Timestamp.from(clock.instant()), sessionId).update();
    }

    /** When the live grant of the session ends, if there is one. */
    public Optional<Instant> activeUntil(String sessionId) {
        return jdbc.sql("select max(expires_at) from support_grants where session_id = ? and revoked_at is null and expires_at > ?")
                .params(sessionId, Timestamp.from(clock.instant()))
                .query((rs, row) -> rs.getTimestamp(1)).optional().filter(t -> t != null).map(Timestamp::toInstant);
    }
}
