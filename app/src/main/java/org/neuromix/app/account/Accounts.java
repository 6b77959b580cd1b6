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
        return new Account(rs.getLong("id"), rs.getString("name"), rs.getString("email"), rs.getString("password_hash"),
                rs.getString("role"), rs.getBoolean("email_verified"), rs.getString("accepted_policy_version"),
                rs.getTimestamp("created_at").toInstant(), deleted == null ? null : deleted.toInstant());
    }

    public Optional<Account> byEmail(String email) {
        return jdbc.sql("select * from accounts where email = ?").param(email).query(Accounts::map).optional();
    }

    public Optional<Account> byId(long id) {
        return jdbc.sql("select * from accounts where id = ?").param(id).query(Accounts::map).optional();
    }

    long insert(String name, String email, String passwordHash, boolean verified, String policyVersion, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into accounts (name, email, password_hash, role, email_verified, adult_confirmed_at,"
                        + " accepted_policy_version, created_at) values (?, ?, ?, 'USER', ?, ?, ?, ?)")
                .params(name, email, passwordHash, verified, Timestamp.from(now), policyVersion, Timestamp.from(now))
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
}
