package org.neuromix.app.privacy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.neuromix.app.account.Account;
import org.neuromix.app.account.AccountSettings;
import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.Mailer;
import org.neuromix.app.session.Sessions;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.Names;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Personal data breach notices (GDPR Art. 34): an operator records what happened, when, which
 * data, the likely consequences, the measures taken and whom to contact; the affected accounts
 * (all, or those with data from a period) are each emailed once and shown the notice at their
 * next sign-in until they mark it read. Every step is audited with ids and counts only.
 *
 * <p>Breach notices go to every affected account whatever its email choices: the law requires
 * them, they are not the optional "before your audio is deleted" emails.
 */
@Service
public class BreachNotices {
    /** Which accounts an incident concerns. */
    public enum Selection {
        /** Every account. */
        ALL,
        /** Accounts that signed up, created a session or uploaded a file in the period. */
        DATA_BETWEEN
    }

    /** An incident as the notice tells it; {@link #of} validates what staff typed. */
    public record Incident(String whatHappened, Instant happenedFrom, Instant happenedTo, String dataConcerned,
                           String likelyConsequences, String measuresTaken, String contact, Selection selection,
                           Instant dataFrom, Instant dataTo) {
        /**
         * From a form or the command line: times as {@code 2026-11-30T14:05Z}, {@code 2026-11-30T14:05}
         * (UTC) or {@code 2026-11-30} (midnight UTC); an empty end of "when" means the same instant.
         */
        public static Incident of(String whatHappened, String happenedFrom, String happenedTo, String dataConcerned,
                                  String likelyConsequences, String measuresTaken, String contact, String selection,
                                  String dataFrom, String dataTo) {
            String what = Names.paragraphs("whatHappened", "what happened", whatHappened, 4000, true);
            Instant from = time("happenedFrom", "when it started", happenedFrom);
            Instant to = happenedTo == null || happenedTo.isBlank() ? from : time("happenedTo", "when it ended", happenedTo);
            if (to.isBefore(from)) {
                throw new InvalidInputException("happenedTo", "the incident cannot end before it started");
            }
            String data = Names.paragraphs("dataConcerned", "which data it concerns", dataConcerned, 2000, true);
            String consequences = Names.paragraphs("likelyConsequences", "its likely consequences", likelyConsequences, 2000, true);
            String measures = Names.paragraphs("measuresTaken", "the measures taken or proposed", measuresTaken, 2000, true);
            String contactPoint = Names.paragraphs("contact", "whom to contact (name, email or address)", contact, 500, true);
            Selection chosen = switch (selection == null ? "" : selection.trim().toLowerCase(Locale.ROOT)) {
                case "all" -> Selection.ALL;
                case "data-between" -> Selection.DATA_BETWEEN;
                default -> throw new InvalidInputException("selection", "choose whom to notify: 'all' accounts, or"
                        + " 'data-between' two times");
            };
            Instant dataStart = null;
            Instant dataEnd = null;
            if (chosen == Selection.DATA_BETWEEN) {
                dataStart = time("dataFrom", "the start of the affected period", dataFrom);
                dataEnd = time("dataTo", "the end of the affected period", dataTo);
                if (dataEnd.isBefore(dataStart)) {
                    throw new InvalidInputException("dataTo", "the affected period cannot end before it starts");
                }
            }
            return new Incident(what, from, to, data, consequences, measures, contactPoint, chosen, dataStart, dataEnd);
        }

        private static Instant time(String field, String what, String raw) {
            String text = raw == null ? "" : raw.trim();
            if (text.isEmpty()) {
                throw new InvalidInputException(field, "give " + what + " (for example 2026-11-30T14:05Z, in UTC)");
            }
            if (text.length() <= 40) {
                try {
                    return OffsetDateTime.parse(text).toInstant(); // seconds optional, unlike Instant.parse on Java 17
                } catch (DateTimeParseException notWithAnOffset) {
                    // try the forms without a zone below
                }
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notLocal) {
                    // try a date
                }
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    // refused below
                }
            }
            throw new InvalidInputException(field, what + " is not a time: write it as 2026-11-30T14:05Z (UTC),"
                    + " 2026-11-30T14:05 or 2026-11-30");
        }

        /** "all accounts" or "accounts with data from A to B (UTC)". */
        public String describeSelection() {
            return selection == Selection.ALL ? "all accounts"
                    : "accounts that signed up, created a session or uploaded a file from " + dataFrom + " to " + dataTo + " (UTC)";
        }
    }

    /** Someone an incident concerns. */
    public record Recipient(long accountId, String name, String email) {
    }

    /** A notice as its recipient sees it (pages and export). */
    public record Notice(long incidentId, Instant recordedAt, String whatHappened, Instant happenedFrom, Instant happenedTo,
                         String dataConcerned, String likelyConsequences, String measuresTaken, String contact,
                         Instant emailedAt, Instant seenAt) {
    }

    /** An incident with its counts, for the admin page. */
    public record Recorded(long id, Instant recordedAt, Long recordedBy, String whatHappened, String selection,
                           int notified, int emailed, int seen) {
    }

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Sessions sessions;
    private final Mailer mailer;
    private final AuditLog audit;
    private final AccountSettings settings;
    private final Clock clock;

    BreachNotices(JdbcClient jdbc, Accounts accounts, Sessions sessions, Mailer mailer, AuditLog audit, AccountSettings settings,
                  Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.sessions = sessions;
        this.mailer = mailer;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The accounts the selection takes, asked of the features that own the data: accounts made in
     * the range, and owners of sessions made or files uploaded in it.
     */
    private List<Long> selected(Incident incident) {
        if (incident.selection() == Selection.ALL) {
            return accounts.allIds();
        }
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>(accounts.idsCreatedBetween(incident.dataFrom(), incident.dataTo()));
        ids.addAll(sessions.ownersWithDataBetween(incident.dataFrom(), incident.dataTo()));
        return List.copyOf(ids);
    }

    private List<Recipient> recipients(List<Long> ids) {
        List<Recipient> recipients = new ArrayList<>();
        for (long id : ids) {
            accounts.byId(id).ifPresent(a -> recipients.add(new Recipient(a.id(), a.name(), a.email())));
        }
        return recipients;
    }

    /** Who would be notified, without recording or sending anything but the audit of the dry run. */
    public List<Recipient> dryRun(Incident incident, Long actorId) {
        List<Recipient> recipients = recipients(selected(incident));
        audit.record(AuditLog.Kind.BREACH_DRY_RUN, null, null, actorId, "breach notice dry run: " + recipients.size()
                + " accounts would be notified (" + incident.selection().name().toLowerCase(Locale.ROOT) + ")");
        return recipients;
    }

    /** What {@link #notifyAffected} did: the incident's id and how many accounts it emailed. */
    public record Notified(long incidentId, int emailed) {
    }

    /**
     * Records the incident, fixes its recipients in one statement (an account that signs up later
     * is not added) and emails each of them once.
     */
    public Notified notifyAffected(Incident incident, Long actorId) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into breach_incidents (recorded_at, recorded_by, what_happened, happened_from, happened_to, data_concerned,"
                        + " likely_consequences, measures_taken, contact, selection, data_from, data_to)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(clock.instant()), actorId, incident.whatHappened(), Timestamp.from(incident.happenedFrom()),
                        Timestamp.from(incident.happenedTo()), incident.dataConcerned(), incident.likelyConsequences(),
                        incident.measuresTaken(), incident.contact(), incident.selection().name(),
                        incident.dataFrom() == null ? null : Timestamp.from(incident.dataFrom()),
                        incident.dataTo() == null ? null : Timestamp.from(incident.dataTo()))
                .update(keys, "id");
        long incidentId = keys.getKey().longValue();
        // The recipients are fixed now: an account that signs up later is not added.
        int recipients = 0;
        for (long accountId : selected(incident)) {
            recipients += jdbc.sql("insert into breach_notices (incident_id, account_id) values (?, ?)")
                    .params(incidentId, accountId).update();
        }
        audit.record(AuditLog.Kind.BREACH_RECORDED, null, null, actorId, "breach incident #" + incidentId + " recorded; "
                + recipients + " accounts to notify (" + incident.selection().name().toLowerCase(Locale.ROOT) + ")");
        return new Notified(incidentId, sendPending(incidentId));
    }

    /**
     * Emails every recipient of the incident not emailed yet. Each one is claimed before its email
     * is queued, so a repeated call (or a second node) never emails anyone twice.
     *
     * @return how many were emailed by this call
     */
    public int sendPending(long incidentId) {
        Notice incident = jdbc.sql("select i.*, null as emailed_at, null as seen_at from breach_incidents i where i.id = ?")
                .param(incidentId).query(BreachNotices::notice).single();
        List<Long> unsent = jdbc.sql("select account_id from breach_notices where incident_id = ? and emailed_at is null"
                + " order by account_id").param(incidentId).query(Long.class).list();
        int sent = 0;
        for (Recipient p : recipients(unsent)) {
            int claimed = jdbc.sql("update breach_notices set emailed_at = ? where incident_id = ? and account_id = ?"
                    + " and emailed_at is null").params(Timestamp.from(clock.instant()), incidentId, p.accountId()).update();
            if (claimed != 1) {
                continue;
            }
            mailer.send(p.accountId(), p.email(), "Important: a security incident at NeuroMix may affect your data",
                    "Hello " + p.name() + ",\n\n" + body(incident) + "\nYou can read this notice again at " + settings.baseUrl()
                            + "/account/breach-notices .\n", "breach-notice");
            audit.record(AuditLog.Kind.BREACH_NOTICE_EMAILED, p.accountId(), null, null, "breach notice #" + incidentId + " emailed");
            sent++;
        }
        return sent;
    }

    /** The notice's text with the contents GDPR Art. 34(2) asks for, each under its own heading. */
    static String body(Notice n) {
        return "we are writing to tell you about a personal data breach that may affect you.\n\n"
                + "What happened:\n" + n.whatHappened() + "\n\n"
                + "When: " + (n.happenedFrom().equals(n.happenedTo()) ? n.happenedFrom() + " (UTC)"
                        : "from " + n.happenedFrom() + " to " + n.happenedTo() + " (UTC)") + "\n\n"
                + "Which data it concerns:\n" + n.dataConcerned() + "\n\n"
                + "Likely consequences:\n" + n.likelyConsequences() + "\n\n"
                + "Measures taken or proposed:\n" + n.measuresTaken() + "\n\n"
                + "Contact:\n" + n.contact() + "\n";
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Notice notice(ResultSet rs, int row) throws SQLException {
        return new Notice(rs.getLong("id"), instant(rs, "recorded_at"), rs.getString("what_happened"), instant(rs, "happened_from"),
                instant(rs, "happened_to"), rs.getString("data_concerned"), rs.getString("likely_consequences"),
                rs.getString("measures_taken"), rs.getString("contact"), instant(rs, "emailed_at"), instant(rs, "seen_at"));
    }

    /** Every notice the account was sent, newest first. */
    public List<Notice> of(long accountId) {
        return jdbc.sql("select i.*, n.emailed_at, n.seen_at from breach_notices n join breach_incidents i on i.id = n.incident_id"
                + " where n.account_id = ? order by i.recorded_at desc, i.id desc").param(accountId).query(BreachNotices::notice).list();
    }

    /** The notices the account has not marked read (shown on every page after signing in). */
    public List<Notice> unseen(long accountId) {
        return of(accountId).stream().filter(n -> n.seenAt() == null).toList();
    }

    /** @return false when the account has no such unread notice */
    public boolean markSeen(long incidentId, long accountId) {
        boolean marked = jdbc.sql("update breach_notices set seen_at = ? where incident_id = ? and account_id = ? and seen_at is null")
                .params(Timestamp.from(clock.instant()), incidentId, accountId).update() == 1;
        if (marked) {
            audit.record(AuditLog.Kind.BREACH_NOTICE_SEEN, accountId, null, accountId, "breach notice #" + incidentId + " read");
        }
        return marked;
    }

    /** Recorded incidents, newest first, with how many were notified, emailed and have read it. */
    public List<Recorded> recorded(int limit) {
        return jdbc.sql("select i.id, i.recorded_at, i.recorded_by, i.what_happened, i.selection,"
                        + " (select count(*) from breach_notices n where n.incident_id = i.id),"
                        + " (select count(*) from breach_notices n where n.incident_id = i.id and n.emailed_at is not null),"
                        + " (select count(*) from breach_notices n where n.incident_id = i.id and n.seen_at is not null)"
                        + " from breach_incidents i order by i.recorded_at desc, i.id desc limit ?")
                .param(limit)
                .query((rs, row) -> {
                    long by = rs.getLong(3);
                    return new Recorded(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.wasNull() ? null : by, rs.getString(4),
                            rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getInt(8));
                }).list();
    }
}
