package org.neuromix.app.account;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Single-use, expiring tokens sent by email. The link carries 32 random bytes; the table holds
 * only their SHA-256, so a leaked database cannot be used to verify or reset.
 */
@Repository
class EmailTokens {
    enum Purpose { VERIFY_EMAIL, RESET_PASSWORD, CANCEL_DELETION }

    record Redeemed(long accountId, String email) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient jdbc;

    EmailTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    String issue(long accountId, Purpose purpose, String email, Instant expiresAt) {
        String secret = newSecret();
        jdbc.sql("insert into email_tokens (token_hash, account_id, purpose, email, expires_at) values (?, ?, ?, ?, ?)")
                .params(ApiTokens.sha256(secret), accountId, purpose.name(), email, Timestamp.from(expiresAt)).update();
        return secret;
    }

    /** Marks the token used if it is valid now; a used, expired or unknown token gives empty. */
    Optional<Redeemed> redeem(String secret, Purpose purpose, Instant now) {
        if (secret == null || secret.length() > 100) {
            return Optional.empty();
        }
        String hash = ApiTokens.sha256(secret);
        int updated = jdbc.sql("update email_tokens set used_at = ? where token_hash = ? and purpose = ?"
                        + " and used_at is null and expires_at > ?")
                .params(Timestamp.from(now), hash, purpose.name(), Timestamp.from(now)).update();
        if (updated != 1) {
            return Optional.empty();
        }
        return jdbc.sql("select account_id, email from email_tokens where token_hash = ?").param(hash)
                .query((rs, row) -> new Redeemed(rs.getLong(1), rs.getString(2))).optional();
    }
}
