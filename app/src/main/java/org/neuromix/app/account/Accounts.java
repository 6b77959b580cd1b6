package org.neuromix.app.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The accounts table. */
@Repository
public class Accounts {
    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static Account map(ResultSet rs, int row) throws SQLException {
        Timestamp deleted = rs.getTimestamp("deleted_at");
        Timestamp deletion = rs.getTimestamp("deletion_requested_at");
        return new Account(rs.getLong("id"), rs.getString("name"), rs.getString("email"), rs.getString("password_hash"),
                rs.getString("role"), rs.getBoolean("email_verified"), rs.getString("accepted_policy_version"),
                rs.getTimestamp("created_at").toInstant(), deleted == null ? null : deleted.toInstant(),
                deletion == null ? null : deletion.toInstant(), rs.getBoolean("email_notifications"));
    }

    public Optional<Account> byEmail(String email) {
        return jdbc.sql("select * from accounts where email = ?").param(email).query(Accounts::map).optional();
    }

    public Optional<Account> byId(long id) {
        return jdbc.sql("select * from accounts where id = ?").param(id).query(Accounts::map).optional();
    }

    long insert(String name, String email, String passwordHash, boolean verified, String policyVersion, Instant now) {
        return insert(name, email, passwordHash, Account.USER, verified, policyVersion, now);
    }

    long insert(String name, String email, String passwordHash, String role, boolean verified, String policyVersion, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into accounts (name, email, password_hash, role, email_verified, adult_confirmed_at,"
                        + " accepted_policy_version, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(name, email, passwordHash, role, verified, Timestamp.from(now), policyVersion, Timestamp.from(now))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void markVerified(long id, String email) {
        jdbc.sql("update accounts set email_verified = true, email = ? where id = ?").params(email, id).update();
    }

    void changePassword(long id, String passwordHash) {
        jdbc.sql("update accounts set password_hash = ? where id = ?").params(passwordHash, id).update();
    }

    void rename(long id, String name) {
        jdbc.sql("update accounts set name = ? where id = ?").params(name, id).update();
    }

    void setEmailNotifications(long id, boolean on) {
        jdbc.sql("update accounts set email_notifications = ? where id = ?").params(on, id).update();
    }

    void acceptPolicy(long id, String version, Instant now) {
        jdbc.sql("update accounts set accepted_policy_version = ?, policy_accepted_at = ? where id = ?")
                .params(version, Timestamp.from(now), id).update();
    }

    public void setRole(long id, String role) {
        jdbc.sql("update accounts set role = ? where id = ?").params(role, id).update();
    }

    void revokeTokens(long id, Instant now) {
        jdbc.sql("update api_tokens set revoked_at = ? where account_id = ? and revoked_at is null")
                .params(Timestamp.from(now), id).update();
    }

    /** Deactivates: sign-in only leads to the restore page; API tokens are revoked. */
    void requestDeletion(long id, Instant now) {
        jdbc.sql("update accounts set deletion_requested_at = coalesce(deletion_requested_at, ?) where id = ?")
                .params(Timestamp.from(now), id).update();
        jdbc.sql("update api_tokens set revoked_at = ? where account_id = ? and revoked_at is null")
                .params(Timestamp.from(now), id).update();
    }

    /** Returns false when no deletion was pending. */
    boolean cancelDeletion(long id) {
        return jdbc.sql("update accounts set deletion_requested_at = null where id = ? and deletion_requested_at is not null")
                .param(id).update() == 1;
    }

    /** Accounts whose deletion grace period ended before {@code cutoff}. */
    public java.util.List<Long> deletionsDue(Instant cutoff) {
        return jdbc.sql("select id from accounts where deletion_requested_at <= ?").param(Timestamp.from(cutoff))
                .query(Long.class).list();
    }

    /** Removes the account row (its sessions, files, revisions, tokens and grants go with it). */
    public boolean purge(long id) {
        return jdbc.sql("delete from accounts where id = ?").param(id).update() == 1;
    }

    /** The ids of accounts that accepted another policy version than {@code version}. */
    public java.util.List<Account> notOnPolicy(String version) {
        return jdbc.sql("select * from accounts where accepted_policy_version <> ? and deletion_requested_at is null")
                .param(version).query(Accounts::map).list();
    }

    public java.util.List<Long> allIds() {
        return jdbc.sql("select id from accounts order by id").query(Long.class).list();
    }

    /** Accounts made in [{@code from}, {@code to}]. */
    public java.util.List<Long> idsCreatedBetween(Instant from, Instant to) {
        return jdbc.sql("select id from accounts where created_at between ? and ? order by id")
                .params(Timestamp.from(from), Timestamp.from(to)).query(Long.class).list();
    }

    public int count() {
        return jdbc.sql("select count(*) from accounts").query(Integer.class).single();
    }
}
