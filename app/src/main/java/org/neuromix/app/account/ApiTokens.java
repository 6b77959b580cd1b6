package org.neuromix.app.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Bearer tokens for the API ("nmx_" + 43 random characters); only their SHA-256 is stored. */
@Repository
public class ApiTokens {
    public static final String PREFIX = "nmx_";

    public record ApiToken(long id, String label, Instant createdAt, Instant lastUsedAt) {
    }

    private final JdbcClient jdbc;

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Creates a token and returns its secret (shown once). */
    public String create(long accountId, String label, Instant now) {
        String secret = PREFIX + EmailTokens.newSecret();
        jdbc.sql("insert into api_tokens (account_id, token_hash, label, created_at) values (?, ?, ?, ?)")
                .params(accountId, sha256(secret), label, Timestamp.from(now)).update(new GeneratedKeyHolder(), "id");
        return secret;
    }

    /** The account a live token belongs to. */
    public Optional<Long> accountOf(String secret, Instant now) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(secret);
        Optional<Long> account = jdbc.sql("select t.account_id from api_tokens t join accounts a on a.id = t.account_id"
                        + " where t.token_hash = ? and t.revoked_at is null and a.deleted_at is null"
                        + " and a.deletion_requested_at is null")
                .param(hash).query(Long.class).optional();
        account.ifPresent(id -> jdbc.sql("update api_tokens set last_used_at = ? where token_hash = ?")
                .params(Timestamp.from(now), hash).update());
        return account;
    }

    public List<ApiToken> live(long accountId) {
        return jdbc.sql("select id, label, created_at, last_used_at from api_tokens where account_id = ? and revoked_at is null"
                        + " order by created_at desc")
                .param(accountId)
                .query((rs, row) -> new ApiToken(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
    }

    /** Revokes the account's own token; false when it is not theirs. */
    public boolean revoke(long accountId, long tokenId, Instant now) {
        return jdbc.sql("update api_tokens set revoked_at = ? where id = ? and account_id = ? and revoked_at is null")
                .params(Timestamp.from(now), tokenId, accountId).update() == 1;
    }
}
