package org.neuromix.app.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.Mailer;
import org.neuromix.app.pipeline.MixStages;
import org.neuromix.app.session.Sessions;
import org.neuromix.app.storage.BlobStore;
import org.neuromix.app.storage.StorageSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Enforces every retention period of the privacy policy ({@link RetentionSettings}) against the
 * service's clock. Deletion is real — files removed from the store, rows deleted — and each purge
 * writes an audit record with ids and counts only. Every step is idempotent, so two nodes
 * sweeping at once (or a sweep interrupted half-way) only repeat harmless work.
 */
@Service
public class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final RetentionSettings settings;
    private final JdbcClient jdbc;
    private final Sessions sessions;
    private final Accounts accounts;
    private final BlobStore store;
    private final StorageSettings storage;
    private final AuditLog audit;
    private final Mailer mailer;
    private final Clock clock;

    Retention(RetentionSettings settings, JdbcClient jdbc, Sessions sessions, Accounts accounts, BlobStore store,
              StorageSettings storage, AuditLog audit, Mailer mailer, Clock clock) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.sessions = sessions;
        this.accounts = accounts;
        this.store = store;
        this.storage = storage;
        this.audit = audit;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Runs every purge once; returns how many items each one removed (or notified). */
    public Map<String, Integer> sweep() {
        Map<String, Integer> done = new LinkedHashMap<>();
        done.put("originals", purgeOriginals());
        done.put("expiryNotices", sendExpiryNotices());
        done.put("output", purgeOutput());
        done.put("accounts", purgeAccounts());
        done.put("logFiles", purgeLogFiles());
        done.put("processingLogs", purgeProcessingLogs());
        done.put("emailLog", purgeEmailLog());
        return done;
    }

    private Timestamp before(java.time.Duration period) {
        return Timestamp.from(clock.instant().minus(period));
    }

    /** Uploads and working copies of sessions that completed or failed for good. */
    public int purgeOriginals() {
        List<String> due = jdbc.sql("select id from mix_sessions where originals_deleted_at is null"
                        + " and (completed_at <= ? or failed_at <= ?)")
                .params(before(settings.originals()), before(settings.originals())).query(String.class).list();
        for (String id : due) {
            deleteOriginals(id);
        }
        return due.size();
    }

    /** Deletes a session's uploads and working copies now, with an audit record. Idempotent. */
    public void deleteOriginals(String sessionId) {
        try {
            long bytes = store.deletePrefix("sessions/" + sessionId + "/originals");
            bytes += deleteTree(storage.work().resolve(sessionId));
            sessions.markOriginalsDeleted(sessionId, clock.instant());
            audit.record(AuditLog.Kind.PURGE_ORIGINALS, ownerOf(sessionId), sessionId, null, "uploads and working copies, "
                    + bytes + " bytes");
        } catch (IOException e) {
            log.warn("retention: could not delete the originals of session {}: {}", sessionId, e.getMessage());
        }
    }

    /** Mixed audio whose period has ended; plans, metrics and reports stay. */
    public int purgeOutput() {
        Instant now = clock.instant();
        List<String> due = sessions.outputsDue(now);
        for (String id : due) {
            try {
                long bytes = store.deletePrefix(MixStages.outputPrefix(id));
                sessions.markOutputDeleted(id, now);
                audit.record(AuditLog.Kind.PURGE_OUTPUT, ownerOf(id), id, null, "mixed audio, " + bytes + " bytes");
            } catch (IOException e) {
                log.warn("retention: could not delete the output of session {}: {}", id, e.getMessage());
            }
        }
        return due.size();
    }

    /** Emails owners whose audio will be deleted within the notice period (once, if they want emails). */
    public int sendExpiryNotices() {
        if (settings.expiryNotice().isZero()) {
            return 0;
        }
        Instant now = clock.instant();
        record Due(String id, String name, long ownerId, String email, Instant expires) {
        }
        List<Due> due = jdbc.sql("select s.id, s.name, a.id, a.email, s.output_expires_at from mix_sessions s"
                        + " join accounts a on a.id = s.owner_id where s.output_deleted_at is null and s.expiry_notice_sent_at is null"
                        + " and s.output_expires_at > ? and s.output_expires_at <= ? and a.email_notifications = true"
                        + " and a.deletion_requested_at is null")
                .params(Timestamp.from(now), Timestamp.from(now.plus(settings.expiryNotice())))
                .query((rs, row) -> new Due(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
        for (Due d : due) {
            int claimed = jdbc.sql("update mix_sessions set expiry_notice_sent_at = ? where id = ? and expiry_notice_sent_at is null")
                    .params(Timestamp.from(now), d.id()).update();
            if (claimed == 1) { // another node may have sent it
                mailer.send(d.ownerId(), d.email(), "Your NeuroMix mix will be deleted soon",
                        "Hello,\n\nthe audio of your session \"" + d.name() + "\" will be deleted on " + d.expires()
                                + " (UTC), as the privacy policy promises. Download what you want to keep before then.\n"
                                + "You can turn these emails off on your account page.\n", "expiry-notice");
                audit.record(AuditLog.Kind.EXPIRY_NOTICE, d.ownerId(), d.id(), null, "expiry notice emailed");
            }
        }
        return due.size();
    }

    /** Accounts whose deletion grace period has ended: every file, session and personal datum. */
    public int purgeAccounts() {
        List<Long> due = accounts.deletionsDue(clock.instant().minus(settings.accountGrace()));
        for (long accountId : due) {
            purgeAccount(accountId);
        }
        return due.size();
    }

    /**
     * Purges one account now — every file, session and personal datum — with an audit record; the
     * grace-period sweep and a guardian's deletion request both end here.
     *
     * @return false when its files could not be deleted (then the rows stay too, so nothing is orphaned)
     */
    public boolean purgeAccount(long accountId) {
        List<String> ids = jdbc.sql("select id from mix_sessions where owner_id = ?").param(accountId).query(String.class).list();
        long bytes = 0;
        try {
            for (String id : ids) {
                bytes += store.deletePrefix("sessions/" + id);
                bytes += deleteTree(storage.work().resolve(id));
            }
        } catch (IOException e) {
            log.warn("retention: could not delete the files of account {}: {}", accountId, e.getMessage());
            return false;
        }
        int emails = jdbc.sql("delete from email_log where account_id = ?").param(accountId).update();
        accounts.purge(accountId);
        audit.record(AuditLog.Kind.PURGE_ACCOUNT, accountId, null, null, "account, " + ids.size() + " sessions, "
                + bytes + " bytes of audio, " + emails + " email-log entries");
        return true;
    }

    /** Server log files last written before the log period. */
    public int purgeLogFiles() {
        Path logs = storage.dataDir().resolve("logs");
        if (!Files.isDirectory(logs)) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(settings.logs());
        int removed = 0;
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                    removed++;
                }
            }
        } catch (IOException e) {
            log.warn("retention: could not purge log files: {}", e.getMessage());
        }
        if (removed > 0) {
            audit.record(AuditLog.Kind.PURGE_LOGS, null, null, null, removed + " log files");
        }
        return removed;
    }

    /** Sessions' processing logs older than the log period. */
    public int purgeProcessingLogs() {
        int removed = jdbc.sql("delete from session_log where at < ?").param(before(settings.logs())).update();
        if (removed > 0) {
            audit.record(AuditLog.Kind.PURGE_PROCESSING_LOG, null, null, null, removed + " processing-log lines");
        }
        return removed;
    }

    /** Email-log entries older than the email period. */
    public int purgeEmailLog() {
        int removed = jdbc.sql("delete from email_log where sent_at < ?").param(before(settings.emails())).update();
        if (removed > 0) {
            audit.record(AuditLog.Kind.PURGE_EMAIL_LOG, null, null, null, removed + " email-log entries");
        }
        return removed;
    }

    /** For the admin page: what each rule would purge now. */
    public Map<String, Integer> due() {
        Instant now = clock.instant();
        Map<String, Integer> due = new LinkedHashMap<>();
        due.put("originals", jdbc.sql("select count(*) from mix_sessions where originals_deleted_at is null"
                + " and (completed_at <= ? or failed_at <= ?)").params(before(settings.originals()), before(settings.originals()))
                .query(Integer.class).single());
        due.put("output", sessions.outputsDue(now).size());
        due.put("accounts", accounts.deletionsDue(now.minus(settings.accountGrace())).size());
        due.put("processingLogs", jdbc.sql("select count(*) from session_log where at < ?").param(before(settings.logs()))
                .query(Integer.class).single());
        due.put("emailLog", jdbc.sql("select count(*) from email_log where sent_at < ?").param(before(settings.emails()))
                .query(Integer.class).single());
        return due;
    }

    private Long ownerOf(String sessionId) {
        return jdbc.sql("select owner_id from mix_sessions where id = ?").param(sessionId).query(Long.class).optional().orElse(null);
    }

    private static long deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return 0;
        }
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(p)) {
                    bytes += Files.size(p);
                }
                Files.deleteIfExists(p);
            }
        }
        return bytes;
    }
}
