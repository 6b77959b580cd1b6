package org.neuromix.app.account;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Email + password sign-in (form and HTTP Basic). Always hashes, also for unknown emails, and
 * checks the account's state only after the password, so that neither the message nor the time
 * tells whether an address has an account.
 */
@Component
public class AccountAuthenticationProvider implements AuthenticationProvider {
    /** The one message for every failed sign-in. */
    public static final String FAILED = "Email or password not recognised, the address is not verified yet,"
            + " or there were too many attempts: try again later.";

    /** The authority of an account pending deletion: it may only restore itself. */
    public static final String RESTORE_ONLY = "ROLE_RESTORE_ONLY";

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final AccountSettings settings;
    private final String dummyHash;

    AccountAuthenticationProvider(Accounts accounts, PasswordEncoder passwords, LoginThrottle throttle, AccountSettings settings) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.settings = settings;
        this.dummyHash = passwords.encode(UUID.randomUUID().toString());
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String email = String.valueOf(authentication.getName()).trim().toLowerCase(Locale.ROOT);
        String password = String.valueOf(authentication.getCredentials());
        String address = authentication.getDetails() instanceof WebAuthenticationDetails web ? web.getRemoteAddress() : "unknown";
        Optional<Account> account = email.length() > 320 ? Optional.empty() : accounts.byEmail(email);
        boolean matches = passwords.matches(password, account.map(Account::passwordHash).orElse(dummyHash));
        boolean usable = account.isPresent() && account.get().deletedAt() == null
                && (account.get().emailVerified() || !settings.requireEmailVerification());
        if (throttle.blocked(email, address) || !matches || !usable) {
            throttle.failed(email, address);
            throw new BadCredentialsException(FAILED);
        }
        throttle.succeeded(email);
        Account a = account.get();
        SignedIn principal = new SignedIn(a.id(), a.email(), a.name(), a.role());
        // An account pending deletion is deactivated: signing in only leads to the restore page.
        String authority = a.deletionPending() ? RESTORE_ONLY : "ROLE_" + a.role();
        return UsernamePasswordAuthenticationToken.authenticated(principal, null, List.of(new SimpleGrantedAuthority(authority)));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
