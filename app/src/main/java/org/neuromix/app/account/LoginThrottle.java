package org.neuromix.app.account;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins per account and per client address; after {@code loginMaxFailures}
 * (per address: {@code loginMaxFailuresPerAddress}) in the window, further attempts for that key
 * are refused until the window has passed. Kept in
 * memory on each node (bounded), which is enough to stop online guessing.
 */
@Component
class LoginThrottle {
    private static final int MAX_KEYS = 100_000;
    private final AccountSettings settings;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > MAX_KEYS;
        }
    };

    LoginThrottle(AccountSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    synchronized boolean blocked(String email, String address) {
        return recent("account:" + email) >= settings.loginMaxFailures()
                || recent("address:" + address) >= settings.loginMaxFailuresPerAddress();
    }

    synchronized void failed(String email, String address) {
        Instant now = clock.instant();
        failures.computeIfAbsent("account:" + email, k -> new ArrayDeque<>()).addLast(now);
        failures.computeIfAbsent("address:" + address, k -> new ArrayDeque<>()).addLast(now);
    }

    synchronized void succeeded(String email) {
        failures.remove("account:" + email);
    }

    private int recent(String key) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        Instant cutoff = clock.instant().minus(settings.loginFailureWindow());
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
        return times.size();
    }
}
