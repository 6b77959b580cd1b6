package org.neuromix.app.privacy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.neuromix.app.account.Account;
import org.neuromix.app.account.AccountService;
import org.neuromix.app.account.AccountSettings;
import org.neuromix.app.account.Accounts;
import org.neuromix.app.account.Mailer;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.Names;
import org.neuromix.app.system.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * Requests to exercise data-protection rights — access, correction, deletion, objection — from
 * anyone, signed in or not. The requester's address is proven first (signing in, or a single-use
 * emailed link whose SHA-256 alone is stored, as for the account links); the deadline is fixed
 * when the request is received ({@link RightsRequestSettings#answerWithin()}); staff answer (the
 * answer is emailed) and close. Every step is audited; the requests are in the person's export.
 */
@Service
public class RightsRequests {
    /** What the person asks for. */
    public enum Kind {
        ACCESS("a copy of the data held about me"), CORRECTION("correction of data about me"),
        DELETION("deletion of data about me"), OBJECTION("objection to how my data is processed");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        public String formValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** UNVERIFIED until the emailed link is followed; OPEN until answered; ANSWERED; CLOSED. */
    public enum Status { UNVERIFIED, OPEN, ANSWERED, CLOSED }

    public record Request(long id, Kind kind, String email, Long accountId, boolean forChild, String details, Status status,
                          Instant receivedAt, Instant dueAt, Instant verifiedAt, String answer, Instant answeredAt,
                          Instant closedAt, String closeNote) {
        /** Verified, unanswered and past its deadline. */
        public boolean overdue(Instant now) {
            return status == Status.OPEN && now.isAfter(dueAt);
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Mailer mailer;
    private final AuditLog audit;
    private final AccountSettings accountSettings;
    private final RightsRequestSettings settings;
    private final Clock clock;

    RightsRequests(JdbcClient jdbc, Accounts accounts, Mailer mailer, AuditLog audit, AccountSettings accountSettings,
                   RightsRequestSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.mailer = mailer;
        this.audit = audit;
        this.accountSettings = accountSettings;
        this.settings = settings;
        this.clock = clock;
    }

    public static Kind kind(String raw) {
        String value = raw == null ? "" : raw.trim().toUpperCase(Locale.ROOT);
        for (Kind k : Kind.values()) {
            if (k.name().equals(value)) {
                return k;
            }
        }
        throw new InvalidInputException("kind", "choose what you ask for: access, correction, deletion or objection");
    }

    /**
     * Receives a request. Signed in ({@code accountId} given): the account's address is used and the
     * request is open at once. Otherwise a link is emailed to {@code rawEmail}, and the request is
     * open once it is followed; while such a link is pending for the address no second one is sent
     * (the answer is the same, so nobody learns anything and an address cannot be flooded).
     *
     * @return the request, or empty when a pending link already covers the address
     */
    public Optional<Request> submit(String rawKind, String rawEmail, String rawDetails, boolean forChild, Long accountId) {
        Kind kind = kind(rawKind);
        boolean detailsNeeded = kind == Kind.CORRECTION || kind == Kind.OBJECTION;
        String details = Names.paragraphs("details", kind == Kind.CORRECTION ? "what is wrong and what it should say"
                : kind == Kind.OBJECTION ? "what you object to" : "details", rawDetails, 4000, detailsNeeded);
        Account account = accountId == null ? null : accounts.byId(accountId).orElseThrow();
        String email = account != null ? account.email() : AccountService.normalisedEmail(rawEmail, "email");
        Instant now = clock.instant();
        jdbc.sql("delete from rights_requests where status = 'UNVERIFIED' and verify_expires_at <= ?").param(Timestamp.from(now))
                .update(); // unproven requests are not kept past their link
        if (account == null && jdbc.sql("select count(*) from rights_requests where status = 'UNVERIFIED' and email = ?")
                .param(email).query(Integer.class).single() > 0) {
            return Optional.empty();
        }
        String secret = account == null ? newSecret() : null;
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into rights_requests (kind, email, account_id, for_child, details, status, received_at, due_at,"
                        + " verify_token_hash, verify_expires_at, verified_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(kind.name(), email, accountId, forChild, details, (account == null ? Status.UNVERIFIED : Status.OPEN).name(),
                        Timestamp.from(now), Timestamp.from(now.plus(settings.answerWithin())),
                        secret == null ? null : sha256(secret),
                        secret == null ? null : Timestamp.from(now.plus(accountSettings.tokenValidity())),
                        account == null ? null : Timestamp.from(now))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        Request request = byId(id);
        audit.record(AuditLog.Kind.RIGHTS_REQUEST_RECEIVED, accountId, null, accountId, kind.formValue() + " request #" + id
                + (forChild ? " (by a parent or guardian)" : "") + " received, due " + request.dueAt()
                + (account == null ? "; address to be confirmed" : "; signed in"));
        if (secret != null) {
            mailer.send(accounts.byEmail(email).map(Account::id).orElse(null), email, "Confirm your request to NeuroMix",
                    "Hello,\n\nwe received a request (" + kind.description() + ") from this address. To confirm it, open:\n"
                            + accountSettings.baseUrl() + "/privacy/requests/verify?token=" + secret + "\n\nThe link works once, for "
                            + accountSettings.tokenValidity().toHours() + " hours. If you did not ask, ignore this email and"
                            + " nothing will happen.\n", "rights-request-verification");
        } else {
            confirmReceipt(request);
        }
        return Optional.of(request);
    }

    /** Follows the emailed link: the request opens (and is tied to the address's account, if any). */
    public Optional<Request> verify(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String hash = sha256(secret);
        Optional<Long> id = jdbc.sql("select id from rights_requests where verify_token_hash = ? and status = 'UNVERIFIED'"
                + " and verify_expires_at > ?").params(hash, Timestamp.from(now)).query(Long.class).optional();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Request pending = byId(id.get());
        Long accountId = accounts.byEmail(pending.email()).map(Account::id).orElse(null);
        int opened = jdbc.sql("update rights_requests set status = 'OPEN', verified_at = ?, account_id = ?, verify_token_hash = null"
                        + " where id = ? and status = 'UNVERIFIED'")
                .params(Timestamp.from(now), accountId, pending.id()).update();
        if (opened != 1) {
            return Optional.empty();
        }
        Request request = byId(pending.id());
        audit.record(AuditLog.Kind.RIGHTS_REQUEST_VERIFIED, accountId, null, accountId, request.kind().formValue()
                + " request #" + request.id() + ": address confirmed by the emailed link");
        confirmReceipt(request);
        return Optional.of(request);
    }

    private void confirmReceipt(Request request) {
        mailer.send(request.accountId(), request.email(), "We received your request (#" + request.id() + ")",
                "Hello,\n\nwe received your request (" + request.kind().description() + ") on " + request.receivedAt()
                        + " (UTC). We will answer by " + request.dueAt() + " (UTC) at the latest.\n", "rights-request-received");
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Request map(ResultSet rs, int row) throws SQLException {
        long account = rs.getLong("account_id");
        Long accountId = rs.wasNull() ? null : account;
        return new Request(rs.getLong("id"), Kind.valueOf(rs.getString("kind")), rs.getString("email"), accountId,
                rs.getBoolean("for_child"), rs.getString("details"), Status.valueOf(rs.getString("status")),
                instant(rs, "received_at"), instant(rs, "due_at"), instant(rs, "verified_at"), rs.getString("answer"),
                instant(rs, "answered_at"), instant(rs, "closed_at"), rs.getString("close_note"));
    }

    public Request byId(long id) {
        return jdbc.sql("select * from rights_requests where id = ?").param(id).query(RightsRequests::map).optional()
                .orElseThrow(() -> new NotFoundException("rights request"));
    }

    /** Verified requests not closed yet, the most urgent first (for staff). */
    public List<Request> notClosed() {
        return jdbc.sql("select * from rights_requests where status in ('OPEN', 'ANSWERED') order by due_at, id")
                .query(RightsRequests::map).list();
    }

    /** A staff member opens a request: audited, as every look at a person's data. */
    public Request viewedByStaff(long id, long staffId) {
        Request request = byId(id);
        if (request.status() == Status.UNVERIFIED) {
            throw new NotFoundException("rights request"); // not a request until its address is confirmed
        }
        audit.record(AuditLog.Kind.STAFF_VIEW_RIGHTS_REQUEST, request.accountId(), null, staffId, "request #" + id + " viewed");
        return request;
    }

    /** Emails the answer to the requester; the deadline is met. */
    public void answer(long id, String rawAnswer, long staffId) {
        String answer = Names.paragraphs("answer", "the answer", rawAnswer, 8000, true);
        Request request = byId(id);
        if (request.status() != Status.OPEN && request.status() != Status.ANSWERED) {
            throw new InvalidInputException("status", "only an open request can be answered (this one is "
                    + request.status().name().toLowerCase(Locale.ROOT) + ")", 409);
        }
        jdbc.sql("update rights_requests set status = 'ANSWERED', answer = ?, answered_at = ?, answered_by = ? where id = ?")
                .params(answer, Timestamp.from(clock.instant()), staffId, id).update();
        mailer.send(request.accountId(), request.email(), "The answer to your request (#" + id + ")",
                "Hello,\n\nabout your request of " + request.receivedAt() + " (UTC), " + request.kind().description() + ":\n\n"
                        + answer + "\n", "rights-request-answer");
        audit.record(AuditLog.Kind.RIGHTS_REQUEST_ANSWERED, request.accountId(), null, staffId, "request #" + id + " answered");
    }

    /** Closes the request (answered, or not to be answered: the note says why). */
    public void close(long id, String rawNote, long staffId) {
        String note = Names.paragraphs("note", "the closing note", rawNote, 1000, false);
        Request request = byId(id);
        if (request.status() == Status.UNVERIFIED || request.status() == Status.CLOSED) {
            throw new InvalidInputException("status", "only an open or answered request can be closed (this one is "
                    + request.status().name().toLowerCase(Locale.ROOT) + ")", 409);
        }
        if (request.status() == Status.OPEN && note.isEmpty()) {
            throw new InvalidInputException("note", "say why an unanswered request is closed");
        }
        jdbc.sql("update rights_requests set status = 'CLOSED', closed_at = ?, closed_by = ?, close_note = ? where id = ?")
                .params(Timestamp.from(clock.instant()), staffId, note, id).update();
        audit.record(AuditLog.Kind.RIGHTS_REQUEST_CLOSED, request.accountId(), null, staffId, "request #" + id + " closed");
    }

    /** The account's requests, and those from its address not tied to it (for its export). */
    public List<Request> about(long accountId, String email) {
        return jdbc.sql("select * from rights_requests where account_id = ? or (email = ? and status <> 'UNVERIFIED') order by received_at, id")
                .params(accountId, email).query(RightsRequests::map).list();
    }

    public int countOpen() {
        return jdbc.sql("select count(*) from rights_requests where status = 'OPEN'").query(Integer.class).single();
    }

    public int countOverdue() {
        return jdbc.sql("select count(*) from rights_requests where status = 'OPEN' and due_at < ?")
                .param(Timestamp.from(clock.instant())).query(Integer.class).single();
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
