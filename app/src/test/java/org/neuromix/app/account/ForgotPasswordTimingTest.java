package org.neuromix.app.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.util.unit.DataSize;

/**
 * Finding 8 of the hardening issue: /forgot answered measurably faster for unknown addresses,
 * because the request waited for the look-up and the email of a known one. The answer must not
 * depend on either: the look-up runs on another thread, after the call has returned, for known and
 * unknown addresses alike. Checked by order of events (the look-up blocks until the call has
 * returned), not by measuring time.
 */
class ForgotPasswordTimingTest {
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void theLookUpRunsAfterTheAnswerOnAnotherThread(boolean known) throws Exception {
        Accounts accounts = mock(Accounts.class);
        EmailTokens tokens = mock(EmailTokens.class);
        Mailer mailer = mock(Mailer.class);
        AtomicReference<Thread> lookUpThread = new AtomicReference<>();
        CountDownLatch lookedUp = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        Account ada = new Account(7, "Ada", "ada@example.com", "hash", Account.USER, true, "2026-11-01",
                Instant.parse("2026-11-02T00:00:00Z"), null, null, true);
        // The look-up waits until the answer has been given: were it made on the caller's thread, the
        // call could not return, and the test fails (after 10 s) instead of depending on any timing.
        when(accounts.byEmail("ada@example.com")).thenAnswer(call -> {
            lookUpThread.set(Thread.currentThread());
            lookedUp.countDown();
            answered.await(10, TimeUnit.SECONDS);
            return known ? Optional.of(ada) : Optional.empty();
        });
        when(tokens.issue(anyLong(), any(), anyString(), any())).thenReturn("secret");
        AccountService service = new AccountService(accounts, tokens, mock(PasswordEncoder.class), mailer,
                new AccountSettings(true, Duration.ofHours(24), 5, 50, Duration.ofMinutes(15), "https://mix.example.org",
                        DataSize.ofGigabytes(20)),
                new PolicySettings("2026-11-01", java.time.LocalDate.parse("2026-11-01"), true), Clock.systemUTC(),
                mock(WebSessions.class));

        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> service.forgotPassword("  Ada@Example.com "), "the answer never waits for the look-up");
        answered.countDown();

        assertTrue(lookedUp.await(10, TimeUnit.SECONDS), "the address is looked up");
        assertNotEquals(Thread.currentThread(), lookUpThread.get());
        if (known) {
            verify(mailer, timeout(10_000)).send(eq(7L), eq("ada@example.com"), eq("Reset your NeuroMix password"),
                    org.mockito.ArgumentMatchers.contains("https://mix.example.org/reset?token=secret"), eq("password-reset"));
        }
        assertEquals("reset-requests", lookUpThread.get().getName());
    }
}
