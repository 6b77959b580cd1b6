package org.neuromix.app.privacy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.neuromix.app.account.Account;
import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.Mailer;
import org.neuromix.app.account.WebSessions;
import org.neuromix.app.session.MixSession;
import org.neuromix.app.session.RevisionCompleted;
import org.neuromix.app.session.RevisionFailed;
import org.neuromix.app.session.Sessions;
import org.neuromix.app.storage.BlobStore;
import org.neuromix.app.storage.SessionKeys;
import org.neuromix.app.storage.StorageSettings;
import org.neuromix.app.storage.WorkFolders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Enforces every retention period of the privacy policy ({@link RetentionSettings}) against the
 * service's clock. Deletion is real — files removed from the store, rows deleted — and each purge
 * writes an audit record with ids and counts only. Every step is idempotent, so two nodes
 * sweeping at once (or a sweep interrupted half-way) only repeat harmless work. It reads and
 * deletes through the owning features' methods (sessions, accounts, the mailer's log), never
 * their tables.
 */
@Service
public class Retention {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final RetentionSettings settings;
    private final Sessions sessions;
    private final Accounts accounts;
    private final BlobStore store;
    private final StorageSettings storage;
    private final WorkFolders workFolders;
    private final WebSessions webSessions;
    private final AuditLog audit;
    private final Mailer mailer;
    private final Clock clock;

    Retention(RetentionSettings settings, Sessions sessions, Accounts accounts, BlobStore store, StorageSettings storage,
              WorkFolders workFolders, AuditLog audit, Mailer mailer, Clock clock, WebSessions webSessions) {
        this.settings = settings;
        this.webSessions = webSessions;
        this.workFolders = workFolders;
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

    private Instant before(java.time.Duration period) {
        return clock.instant().minus(period);
    }

    /** The first mix is done: its uploads go at once (the privacy promise), unless a period is set. */
    @EventListener
    void onCompleted(RevisionCompleted completed) {
        if (completed.revision() == 1 && settings.originals().isZero()) {
            deleteOriginals(completed.sessionId());
        }
    }

    /** The first mix failed for good: its uploads go too; the user starts a new session. */
    @EventListener
    void onFailed(RevisionFailed failed) {
        if (failed.sessionFailed() && settings.originals().isZero()) {
            deleteOriginals(failed.sessionId());
        }
    }

    /** Uploads and working copies of sessions that completed or failed for good. */
    public int purgeOriginals() {
        List<String> due = sessions.originalsDue(before(settings.originals()));
        for (String id : due) {
            deleteOriginals(id);
        }
        return due.size();
    }

    /** Deletes a session's uploads and working copies now, with an audit record. Idempotent. */
    public void deleteOriginals(String sessionId) {
        try {
            long bytes = store.deletePrefix(SessionKeys.originals(sessionId));
            bytes += workFolders.delete(sessionId);
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
                long bytes = store.deletePrefix(SessionKeys.output(id));
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
        List<MixSession> due = sessions.expiryNoticesDue(now, now.plus(settings.expiryNotice()));
        int sent = 0;
        for (MixSession session : due) {
            Account owner = accounts.byId(session.ownerId()).orElse(null);
            if (owner == null || !owner.emailNotifications() || owner.deletionPending()) {
                continue;
            }
            if (sessions.claimExpiryNotice(session.id(), now)) { // another node may have sent it
                mailer.send(owner.id(), owner.email(), "Your NeuroMix mix will be deleted soon",
                        "Hello,\n\nthe audio of your session \"" + session.name() + "\" will be deleted on "
                                + session.outputExpiresAt() + " (UTC), as the privacy policy promises. Download what you want"
                                + " to keep before then.\nYou can turn these emails off on your account page.\n", "expiry-notice");
                audit.record(AuditLog.Kind.EXPIRY_NOTICE, owner.id(), session.id(), null, "expiry notice emailed");
                sent++;
            }
        }
        return sent;
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
        List<String> ids = sessions.idsOwnedBy(accountId);
        long bytes = 0;
        try {
            for (String id : ids) {
                bytes += store.deletePrefix(SessionKeys.session(id));
                bytes += workFolders.delete(id);
            }
        } catch (IOException e) {
            log.warn("retention: could not delete the files of account {}: {}", accountId, e.getMessage());
            return false; // the rows stay until the files are gone, so nothing is orphaned
        }
        int emails = mailer.deleteLogOf(accountId);
        webSessions.endAll(accountId, null); // a browser still signed in (a guardian's deletion comes without warning)
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
        int removed = sessions.deleteLogsBefore(before(settings.logs()));
        if (removed > 0) {
            audit.record(AuditLog.Kind.PURGE_PROCESSING_LOG, null, null, null, removed + " processing-log lines");
        }
        return removed;
    }

    /** Email-log entries older than the email period. */
    public int purgeEmailLog() {
        int removed = mailer.deleteLogBefore(before(settings.emails()));
        if (removed > 0) {
            audit.record(AuditLog.Kind.PURGE_EMAIL_LOG, null, null, null, removed + " email-log entries");
        }
        return removed;
    }

    /** For the admin page: what each rule would purge now. */
    public Map<String, Integer> due() {
        Instant now = clock.instant();
        Map<String, Integer> due = new LinkedHashMap<>();
        due.put("originals", sessions.originalsDue(before(settings.originals())).size());
        due.put("output", sessions.outputsDue(now).size());
        due.put("accounts", accounts.deletionsDue(now.minus(settings.accountGrace())).size());
        due.put("processingLogs", sessions.countLogsBefore(before(settings.logs())));
        due.put("emailLog", mailer.countLogBefore(before(settings.emails())));
        return due;
    }

    private Long ownerOf(String sessionId) {
        return sessions.byId(sessionId).map(MixSession::ownerId).orElse(null);
    }
}
