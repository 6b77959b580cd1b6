package org.neuromix.app.account;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address; after {@code loginMaxFailures}
 * (per address: {@code loginMaxFailuresPerAddress}) in the window, further attempts for that key
 * are refused until the window has passed. Kept in the database, so that a lockout made on one
 * web node holds on every other and after a restart.
 */
@Component
class LoginThrottle {
    private static final int MAX_KEY_LENGTH = 320;

    private final AccountSettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;

    LoginThrottle(AccountSettings settings, JdbcClient jdbc, Clock clock) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean blocked(String email, String address) {
        return recent(accountKey(email)) >= settings.loginMaxFailures()
                || recent(addressKey(address)) >= settings.loginMaxFailuresPerAddress();
    }

    void failed(String email, String address) {
        Timestamp now = Timestamp.from(clock.instant());
        for (String key : new String[] {accountKey(email), addressKey(address)}) {
            jdbc.sql("insert into login_failures (throttle_key, failed_at) values (?, ?)").params(key, now).update();
        }
        // Old failures count for nothing: keep the table as small as the window.
        jdbc.sql("delete from login_failures where failed_at <= ?").param(windowStart()).update();
    }

    void succeeded(String email) {
        jdbc.sql("delete from login_failures where throttle_key = ?").param(accountKey(email)).update();
    }

    private int recent(String key) {
        return jdbc.sql("select count(*) from login_failures where throttle_key = ? and failed_at > ?")
                .params(key, windowStart()).query(Integer.class).single();
    }

    private Timestamp windowStart() {
        return Timestamp.from(clock.instant().minus(settings.loginFailureWindow()));
    }

    private static String accountKey(String email) {
        return cut("account:" + email);
    }

    private static String addressKey(String address) {
        return cut("address:" + address);
    }

    private static String cut(String key) {
        return key.length() > MAX_KEY_LENGTH ? key.substring(0, MAX_KEY_LENGTH) : key;
    }
}
