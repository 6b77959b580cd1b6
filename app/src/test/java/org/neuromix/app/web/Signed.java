package org.neuromix.app.web;

import java.time.Instant;
import java.util.List;

import org.neuromix.app.account.Account;
import org.neuromix.app.account.SignedIn;
import org.neuromix.app.session.MixSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/** Signed-in people for controller slices: the principal is {@link SignedIn}, as the sign-in provider makes it. */
public final class Signed {
    /** The person signed in. */
    public static final long ME = 7;
    /** Somebody else, whose things must stay out of reach. */
    public static final long OTHER = 8;
    public static final long SUPPORT_ID = 20;
    public static final long ADMIN_ID = 21;

    private Signed() {
    }

    public static SignedIn principal(long accountId, String role) {
        return new SignedIn(accountId, "person" + accountId + "@example.com", "Person " + accountId, role);
    }

    public static RequestPostProcessor as(long accountId, String role) {
        return authentication(UsernamePasswordAuthenticationToken.authenticated(principal(accountId, role), null,
                List.of(new SimpleGrantedAuthority("ROLE_" + role))));
    }

    public static RequestPostProcessor user() {
        return as(ME, Account.USER);
    }

    public static RequestPostProcessor support() {
        return as(SUPPORT_ID, Account.SUPPORT);
    }

    public static RequestPostProcessor admin() {
        return as(ADMIN_ID, Account.ADMIN);
    }

    /** An active account that has accepted the current policy. */
    public static Account account(long id, String role) {
        return new Account(id, "Person " + id, "person" + id + "@example.com", "hash", role, true, "2026-11-01",
                Instant.parse("2026-01-01T00:00:00Z"), null, null, true);
    }

    /** A session of {@code ownerId}: a draft, or completed (revision 1, audio kept) when {@code completed}. */
    public static MixSession session(String id, long ownerId, boolean completed) {
        Instant created = Instant.parse("2026-11-30T09:00:00Z");
        Instant done = completed ? Instant.parse("2026-11-30T09:05:00Z") : null;
        return new MixSession(id, ownerId, "Song " + id, completed ? MixSession.Status.COMPLETED : MixSession.Status.DRAFT,
                completed ? "done" : null, completed ? 100 : 0, null, "{}", created, done, done,
                completed ? Instant.parse("2026-12-07T09:05:00Z") : null, null, done, completed ? 1 : 0,
                completed ? -14.0 : null, completed ? -1.2 : null, completed ? 6.0 : null, completed ? 1 : 0);
    }
}
