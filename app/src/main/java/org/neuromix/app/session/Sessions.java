package org.neuromix.app.session;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Mixing sessions, their files and revisions. */
@Repository
public class Sessions {
    private final JdbcClient jdbc;
    private final java.time.Clock clock;

    Sessions(JdbcClient jdbc, java.time.Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static MixSession map(ResultSet rs, int row) throws SQLException {
        return new MixSession(rs.getString("id"), rs.getLong("owner_id"), rs.getString("name"),
                MixSession.Status.valueOf(rs.getString("status")), rs.getString("stage"), rs.getInt("progress_percent"),
                rs.getString("error"), rs.getString("options_json"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "completed_at"), instant(rs, "output_expires_at"), instant(rs, "output_deleted_at"),
                instant(rs, "originals_deleted_at"), rs.getInt("attempts"), number(rs, "integrated_lufs"),
                number(rs, "true_peak_dbtp"), number(rs, "loudness_range_lu"), rs.getInt("current_revision"));
    }

    static SessionFile mapFile(ResultSet rs, int row) throws SQLException {
        return new SessionFile(rs.getString("id"), rs.getString("session_id"), rs.getString("kind"),
                rs.getString("original_name"), rs.getString("stem_name"), rs.getLong("size_bytes"),
                rs.getDouble("duration_seconds"), rs.getInt("sample_rate_hz"), rs.getInt("channels"), rs.getString("format"),
                instant(rs, "uploaded_at"), instant(rs, "deleted_at"), rs.getString("content_sha256"), rs.getString("warning"));
    }

    static Revision mapRevision(ResultSet rs, int row) throws SQLException {
        return new Revision(rs.getString("session_id"), rs.getInt("number"), RevisionStatus.fromDb(rs.getString("status")), rs.getString("plan_json"),
                rs.getString("stems_json"), rs.getString("report_json"), rs.getString("note"), rs.getString("error"),
                instant(rs, "created_at"), instant(rs, "completed_at"));
    }

    void insert(String id, long ownerId, String name, String optionsJson, Instant now) {
        jdbc.sql("insert into mix_sessions (id, owner_id, name, status, progress_percent, options_json, created_at, attempts,"
                        + " current_revision) values (?, ?, ?, 'DRAFT', 0, ?, ?, 0, 0)")
                .params(id, ownerId, name, optionsJson, ts(now)).update();
    }

    public Optional<MixSession> byId(String id) {
        return jdbc.sql("select * from mix_sessions where id = ?").param(id).query(Sessions::map).optional();
    }

    /** The session if it belongs to {@code ownerId}; another person's session is "not found". */
    public Optional<MixSession> owned(String id, long ownerId) {
        return jdbc.sql("select * from mix_sessions where id = ? and owner_id = ?").params(id, ownerId)
                .query(Sessions::map).optional();
    }

    /** Newest first; {@code search} matches the name (case-insensitive), null for all. */
    public List<MixSession> page(long ownerId, String search, int offset, int limit) {
        return jdbc.sql("select * from mix_sessions where owner_id = ? and lower(name) like ? escape '\\'"
                        + " order by created_at desc, id desc limit ? offset ?")
                .params(ownerId, like(search), limit, offset).query(Sessions::map).list();
    }

    public int count(long ownerId, String search) {
        return jdbc.sql("select count(*) from mix_sessions where owner_id = ? and lower(name) like ? escape '\\'")
                .params(ownerId, like(search)).query(Integer.class).single();
    }

    private static String like(String search) {
        if (search == null) {
            return "%";
        }
        String escaped = search.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    void updateOptions(String id, String optionsJson) {
        jdbc.sql("update mix_sessions set options_json = ? where id = ?").params(optionsJson, id).update();
    }

    /** Draft → queued; false when it was not a draft (started twice). */
    boolean markQueued(String id, Instant now) {
        return jdbc.sql("update mix_sessions set status = 'QUEUED', stage = 'queued', progress_percent = 0, started_at = ?,"
                + " current_revision = 1, error = null where id = ? and status = 'DRAFT'").params(ts(now), id).update() == 1;
    }

    /**
     * A started session whose upload broke: without that file and its unfinished first revision it
     * is a draft again, with the reason shown, its other uploads kept.
     */
    @org.springframework.transaction.annotation.Transactional
    public void returnToDraft(String id, String brokenFileId, String reason) {
        jdbc.sql("delete from session_files where session_id = ? and id = ?").params(id, brokenFileId).update();
        jdbc.sql("delete from revisions where session_id = ? and number = 1").param(id).update();
        jdbc.sql("update mix_sessions set status = 'DRAFT', stage = null, progress_percent = 0, started_at = null,"
                + " current_revision = 0, attempts = 0, error = ? where id = ?")
                .params(reason.length() > 1900 ? reason.substring(0, 1900) : reason, id).update();
    }

    /** Locks the session row if it is still a draft (within the caller's transaction). */
    boolean lockDraft(String id) {
        return jdbc.sql("update mix_sessions set status = status where id = ? and status = 'DRAFT'").param(id).update() == 1;
    }

    /** Completed with audio → queued, atomically: at most one revision renders at a time. */
    boolean claimForRevision(String id) {
        return jdbc.sql("update mix_sessions set status = 'QUEUED', stage = 'queued', progress_percent = 0 where id = ?"
                + " and status = 'COMPLETED' and output_deleted_at is null").param(id).update() == 1;
    }

    /** A revision queued on a completed session. */
    void markRevisionQueued(String id, int revision) {
        jdbc.sql("update mix_sessions set status = 'QUEUED', stage = 'queued', progress_percent = 0, error = null,"
                + " current_revision = ? where id = ?").params(revision, id).update();
    }

    public void markProgress(String id, String stage, int percent) {
        jdbc.sql("update mix_sessions set status = 'RUNNING', stage = ?, progress_percent = ? where id = ?"
                + " and status in ('QUEUED', 'RUNNING')").params(stage, percent, id).update();
    }

    public void countAttempt(String id) {
        jdbc.sql("update mix_sessions set attempts = attempts + 1 where id = ?").param(id).update();
    }

    /** Completed (first time sets the completion and expiry); returns false if already completed. */
    public boolean markCompleted(String id, double integratedLufs, double truePeakDbtp, double loudnessRangeLu, Instant now,
                                 Instant outputExpiresAt) {
        return jdbc.sql("update mix_sessions set status = 'COMPLETED', stage = 'done', progress_percent = 100, error = null,"
                        + " integrated_lufs = ?, true_peak_dbtp = ?, loudness_range_lu = ?,"
                        + " completed_at = coalesce(completed_at, ?), output_expires_at = coalesce(output_expires_at, ?)"
                        + " where id = ? and status <> 'COMPLETED'")
                .params(finite(integratedLufs), finite(truePeakDbtp), finite(loudnessRangeLu), ts(now), ts(outputExpiresAt), id)
                .update() == 1;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** Failed for good; a failed revision of a completed session leaves the session completed. */
    public void markFailed(String id, String error, boolean sessionFails) {
        String message = error.length() > 1900 ? error.substring(0, 1900) + "…" : error;
        if (sessionFails) {
            jdbc.sql("update mix_sessions set status = 'FAILED', error = ?, failed_at = coalesce(failed_at, ?) where id = ?")
                    .params(message, ts(clock.instant()), id).update();
        } else {
            jdbc.sql("update mix_sessions set status = 'COMPLETED', stage = 'done', progress_percent = 100, error = ?"
                    + " where id = ?").params(message, id).update();
        }
    }

    public void markRetrying(String id, String error) {
        jdbc.sql("update mix_sessions set status = 'QUEUED', stage = 'retrying', error = ? where id = ?")
                .params(error.length() > 1900 ? error.substring(0, 1900) : error, id).update();
    }

    public void markOriginalsDeleted(String id, Instant now) {
        jdbc.sql("update mix_sessions set originals_deleted_at = coalesce(originals_deleted_at, ?) where id = ?")
                .params(ts(now), id).update();
        jdbc.sql("update session_files set deleted_at = coalesce(deleted_at, ?) where session_id = ?").params(ts(now), id).update();
    }

    public void markOutputDeleted(String id, Instant now) {
        jdbc.sql("update mix_sessions set output_deleted_at = coalesce(output_deleted_at, ?) where id = ?")
                .params(ts(now), id).update();
    }

    /** Completed sessions whose output has expired but is not yet deleted. */
    public List<String> outputsDue(Instant now) {
        return jdbc.sql("select id from mix_sessions where output_expires_at <= ? and output_deleted_at is null")
                .param(ts(now)).query(String.class).list();
    }

    /** Sessions that completed or failed for good before {@code cutoff} and still hold their originals. */
    public List<String> originalsDue(Instant cutoff) {
        return jdbc.sql("select id from mix_sessions where originals_deleted_at is null and (completed_at <= ? or failed_at <= ?)")
                .params(ts(cutoff), ts(cutoff)).query(String.class).list();
    }

    /** Sessions whose audio expires in ({@code from}, {@code to}] and whose owner was not told yet. */
    public List<MixSession> expiryNoticesDue(Instant from, Instant to) {
        return jdbc.sql("select * from mix_sessions where output_deleted_at is null and expiry_notice_sent_at is null"
                        + " and output_expires_at > ? and output_expires_at <= ?")
                .params(ts(from), ts(to)).query(Sessions::map).list();
    }

    /** Claims the expiry notice of a session (true once, whichever node asks first). */
    public boolean claimExpiryNotice(String id, Instant now) {
        return jdbc.sql("update mix_sessions set expiry_notice_sent_at = ? where id = ? and expiry_notice_sent_at is null")
                .params(ts(now), id).update() == 1;
    }

    /** Owners of sessions made, or of files uploaded, in [{@code from}, {@code to}]. */
    public List<Long> ownersWithDataBetween(Instant from, Instant to) {
        return jdbc.sql("select owner_id from mix_sessions where created_at between ? and ? union select s.owner_id from"
                        + " session_files f join mix_sessions s on s.id = f.session_id where f.uploaded_at between ? and ?")
                .params(ts(from), ts(to), ts(from), ts(to)).query(Long.class).list();
    }

    public List<String> idsOwnedBy(long ownerId) {
        return jdbc.sql("select id from mix_sessions where owner_id = ?").param(ownerId).query(String.class).list();
    }

    /** Deletes processing-log lines written before {@code cutoff}; returns how many. */
    public int deleteLogsBefore(Instant cutoff) {
        return jdbc.sql("delete from session_log where at < ?").param(ts(cutoff)).update();
    }

    public int countLogsBefore(Instant cutoff) {
        return jdbc.sql("select count(*) from session_log where at < ?").param(ts(cutoff)).query(Integer.class).single();
    }

    void delete(String id) {
        jdbc.sql("delete from mix_sessions where id = ?").param(id).update();
    }

    public int countByStatus(MixSession.Status status) {
        return jdbc.sql("select count(*) from mix_sessions where status = ?").param(status.name()).query(Integer.class).single();
    }

    /** A processing-log line of the session (no content, no personal data; kept as long as logs). */
    public void log(String sessionId, String message) {
        jdbc.sql("insert into session_log (session_id, at, message) values (?, ?, ?)")
                .params(sessionId, ts(clock.instant()), message.length() > 1000 ? message.substring(0, 1000) : message)
                .update();
    }

    public List<String> logLines(String sessionId) {
        return jdbc.sql("select at, message from session_log where session_id = ? order by at, id").param(sessionId)
                .query((rs, row) -> rs.getTimestamp(1).toInstant() + " " + rs.getString(2)).list();
    }

    // --- files

    void insertFile(SessionFile f) {
        jdbc.sql("insert into session_files (id, session_id, kind, original_name, stem_name, size_bytes, duration_seconds,"
                        + " sample_rate_hz, channels, format, uploaded_at, content_sha256, warning)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(f.id(), f.sessionId(), f.kind(), f.originalName(), f.stemName(), f.sizeBytes(), f.durationSeconds(),
                        f.sampleRateHz(), f.channels(), f.format(), ts(f.uploadedAt()), f.contentSha256(), f.warning())
                .update();
    }

    /** The bytes of an owner's uploads still stored (not yet deleted after processing). */
    public long storedBytesOf(long ownerId) {
        return jdbc.sql("select coalesce(sum(f.size_bytes), 0) from session_files f join mix_sessions s on s.id = f.session_id"
                + " where s.owner_id = ? and f.deleted_at is null").param(ownerId).query(Long.class).single();
    }

    public List<SessionFile> files(String sessionId) {
        return jdbc.sql("select * from session_files where session_id = ? order by uploaded_at, stem_name").param(sessionId)
                .query(Sessions::mapFile).list();
    }

    boolean deleteFile(String sessionId, String fileId) {
        return jdbc.sql("delete from session_files where session_id = ? and id = ?").params(sessionId, fileId).update() == 1;
    }

    // --- revisions

    void insertRevision(String sessionId, int number, String planJson, String note, Instant now) {
        jdbc.sql("insert into revisions (session_id, number, status, plan_json, note, created_at) values (?, ?, ?, ?, ?, ?)")
                .params(sessionId, number, (planJson == null ? RevisionStatus.QUEUED : RevisionStatus.PLANNED).dbName(), planJson, note,
                        ts(now)).update();
    }

    public Optional<Revision> revision(String sessionId, int number) {
        return jdbc.sql("select * from revisions where session_id = ? and number = ?").params(sessionId, number)
                .query(Sessions::mapRevision).optional();
    }

    public List<Revision> revisions(String sessionId) {
        return jdbc.sql("select * from revisions where session_id = ? order by number desc").param(sessionId)
                .query(Sessions::mapRevision).list();
    }

    public int lastRevisionNumber(String sessionId) {
        return jdbc.sql("select coalesce(max(number), 0) from revisions where session_id = ?").param(sessionId)
                .query(Integer.class).single();
    }

    public void savePlan(String sessionId, int number, String planJson, String stemsJson) {
        jdbc.sql("update revisions set plan_json = ?, stems_json = coalesce(?, stems_json), status = ?"
                + " where session_id = ? and number = ?").params(planJson, stemsJson, RevisionStatus.PLANNED.dbName(), sessionId, number).update();
    }

    public void markRendered(String sessionId, int number) {
        jdbc.sql("update revisions set status = ? where session_id = ? and number = ?")
                .params(RevisionStatus.RENDERED.dbName(), sessionId, number).update();
    }

    /** Completes the revision once; false when it already was. */
    public boolean completeRevision(String sessionId, int number, String reportJson, Instant now) {
        String completed = RevisionStatus.COMPLETED.dbName();
        return jdbc.sql("update revisions set status = ?, report_json = ?, completed_at = ?, error = null"
                        + " where session_id = ? and number = ? and status <> ?")
                .params(completed, reportJson, ts(now), sessionId, number, completed).update() == 1;
    }

    public void failRevision(String sessionId, int number, String error) {
        jdbc.sql("update revisions set status = ?, error = ? where session_id = ? and number = ?")
                .params(RevisionStatus.FAILED.dbName(), error.length() > 1900 ? error.substring(0, 1900) : error, sessionId, number)
                .update();
    }
}
