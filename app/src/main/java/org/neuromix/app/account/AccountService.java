package org.neuromix.app.account;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.neuromix.app.system.InvalidInputException;
import org.neuromix.app.system.Names;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Sign-up, email verification, password reset and account changes. */
@Service
public class AccountService {
    public static final int MIN_PASSWORD_LENGTH = PasswordPolicy.MIN_LENGTH;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+");

    /** What a sign-up form carries. */
    public record SignUp(String name, String email, String password, boolean adult, String acceptedPolicyVersion) {
    }

    private final Accounts accounts;
    private final EmailTokens tokens;
    private final PasswordEncoder passwords;
    private final Mailer mailer;
    private final AccountSettings settings;
    private final PolicySettings policy;
    private final Clock clock;
    private final WebSessions webSessions;
    /** One thread: reset requests are handled in order, and a flood of them queues instead of spreading. */
    private final java.util.concurrent.ScheduledExecutorService existencePaths = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            runnable -> {
                Thread thread = new Thread(runnable, "reset-requests");
                thread.setDaemon(true);
                return thread;
            });

    AccountService(Accounts accounts, EmailTokens tokens, PasswordEncoder passwords, Mailer mailer, AccountSettings settings,
                   PolicySettings policy, Clock clock, WebSessions webSessions) {
        this.webSessions = webSessions;
        this.accounts = accounts;
        this.tokens = tokens;
        this.passwords = passwords;
        this.mailer = mailer;
        this.settings = settings;
        this.policy = policy;
        this.clock = clock;
    }

    public boolean requiresVerification() {
        return settings.requireEmailVerification();
    }

    /**
     * Creates the account and sends the verification email. When the address already has an
     * account, nothing is created and its owner gets a notice instead; the caller's answer is the
     * same, so sign-up does not reveal who has an account.
     */
    @Transactional
    public void signUp(SignUp form) {
        String name = name(form.name());
        String email = email(form.email(), "email");
        PasswordPolicy.check(form.password(), "password", email, name);
        if (!form.adult()) {
            throw new InvalidInputException("adult", "NeuroMix is only for people aged 18 or over");
        }
        if (!policy.version().equals(form.acceptedPolicyVersion())) {
            throw new InvalidInputException("acceptedPolicyVersion", "you must accept the current privacy policy (version "
                    + policy.version() + ")");
        }
        Instant now = clock.instant();
        Optional<Account> existing = accounts.byEmail(email);
        if (existing.isPresent()) {
            passwords.encode(form.password()); // same work as a new account
            mailer.send(existing.get().id(), email, "Someone tried to sign up to NeuroMix with your address",
                    "Hello " + existing.get().name() + ",\n\nsomeone tried to create a NeuroMix account with this email"
                            + " address, which already has one. If it was you, sign in or reset your password at "
                            + settings.baseUrl() + "/forgot .\nIf not, you can ignore this email.\n", "signup-existing");
            return;
        }
        long id;
        try {
            id = accounts.insert(name, email, passwords.encode(form.password()), !settings.requireEmailVerification(),
                    policy.version(), now);
        } catch (DuplicateKeyException raced) {
            return;
        }
        if (settings.requireEmailVerification()) {
            sendVerification(id, name, email);
        }
    }

    private void sendVerification(long accountId, String name, String email) {
        String secret = tokens.issue(accountId, EmailTokens.Purpose.VERIFY_EMAIL, email,
                clock.instant().plus(settings.tokenValidity()));
        mailer.send(accountId, email, "Confirm your email address for NeuroMix",
                "Hello " + name + ",\n\nplease confirm this address by opening:\n" + settings.baseUrl() + "/verify?token="
                        + secret + "\n\nThe link works once, for " + settings.tokenValidity().toHours() + " hours.\n",
                "verification");
    }

    /** Follows a verification link; false when it is unknown, used or expired. */
    @Transactional
    public boolean verify(String secret) {
        return tokens.redeem(secret, EmailTokens.Purpose.VERIFY_EMAIL, clock.instant()).map(redeemed -> {
            try {
                accounts.markVerified(redeemed.accountId(), redeemed.email());
            } catch (DuplicateKeyException taken) {
                return false;
            }
            return true;
        }).orElse(false);
    }

    /**
     * Sends a reset link if the address has an account; says nothing either way. The look-up and the
     * link are made off the request thread, so that the answer takes the same time whether the
     * address has an account or not (it measurably did not when the request waited for them).
     */
    public void forgotPassword(String rawEmail) {
        String email = rawEmail == null ? "" : rawEmail.trim().toLowerCase(Locale.ROOT);
        // A moment later, so that the look-up's work never competes with this answer for the CPU.
        existencePaths.schedule(() -> {
            try {
                sendResetLink(email);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(AccountService.class).warn("could not send a reset link: {}", e.getMessage());
            }
        }, RESET_DELAY_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Long enough for the answer to be sent first; short against an email's delivery. */
    private static final long RESET_DELAY_MILLIS = 200;

    private void sendResetLink(String email) {
        accounts.byEmail(email).filter(a -> a.deletedAt() == null).ifPresent(account -> {
            String secret = tokens.issue(account.id(), EmailTokens.Purpose.RESET_PASSWORD, email,
                    clock.instant().plus(settings.tokenValidity()));
            mailer.send(account.id(), email, "Reset your NeuroMix password",
                    "Hello " + account.name() + ",\n\nto choose a new password, open:\n" + settings.baseUrl()
                            + "/reset?token=" + secret + "\n\nThe link works once, for " + settings.tokenValidity().toHours()
                            + " hours. If you did not ask for it, ignore this email.\n", "password-reset");
        });
    }

    /** Sets a new password with a reset link; also verifies the address (the link proved it). */
    @Transactional
    public boolean resetPassword(String secret, String newPassword) {
        PasswordPolicy.checkWithoutAccount(newPassword, "password");
        return tokens.redeem(secret, EmailTokens.Purpose.RESET_PASSWORD, clock.instant()).map(redeemed -> {
            // A refusal here rolls the redemption back: the link still works for a better password.
            PasswordPolicy.check(newPassword, "password", redeemed.email(),
                    accounts.byId(redeemed.accountId()).map(Account::name).orElse(null));
            accounts.changePassword(redeemed.accountId(), passwords.encode(newPassword));
            accounts.revokeTokens(redeemed.accountId(), clock.instant()); // whoever had the old password loses the API too
            webSessions.endAll(redeemed.accountId(), null); // and every signed-in browser
            accounts.markVerified(redeemed.accountId(), redeemed.email());
            return true;
        }).orElse(false);
    }

    @Transactional
    public void rename(long accountId, String name) {
        accounts.rename(accountId, name(name));
    }

    /**
     * Changing the password needs the current one. Every other browser session and every API token
     * of the account ends; {@code currentWebSessionId} (the browser that asked) stays signed in.
     */
    @Transactional
    public void changePassword(long accountId, String currentPassword, String newPassword, String currentWebSessionId) {
        Account account = accounts.byId(accountId).orElseThrow();
        if (currentPassword == null || !passwords.matches(currentPassword, account.passwordHash())) {
            throw new InvalidInputException("currentPassword", "the current password is not right");
        }
        PasswordPolicy.check(newPassword, "newPassword", account.email(), account.name());
        accounts.changePassword(accountId, passwords.encode(newPassword));
        accounts.revokeTokens(accountId, clock.instant());
        webSessions.endAll(accountId, currentWebSessionId);
    }

    /** "Sign out other devices": ends every browser session of the account but the one asking; returns how many. */
    public int signOutOtherBrowsers(long accountId, String currentWebSessionId) {
        return webSessions.endAll(accountId, currentWebSessionId);
    }

    /** The new address takes effect once the link sent to it is followed. */
    @Transactional
    public void changeEmail(long accountId, String newEmail) {
        String email = email(newEmail, "email");
        Account account = accounts.byId(accountId).orElseThrow();
        if (accounts.byEmail(email).isPresent()) {
            return; // no enumeration: the same answer as for a free address
        }
        sendVerification(account.id(), account.name(), email);
    }

    /**
     * The operator's way to make staff (never a default password): creates a verified account
     * with the role, or gives an existing account the role (its password unchanged).
     *
     * @return true when the account was created
     */
    @Transactional
    public boolean createOrPromoteStaff(String rawName, String rawEmail, String password, String role) {
        String email = email(rawEmail, "email");
        if (!java.util.List.of(Account.USER, Account.SUPPORT, Account.ADMIN).contains(role)) {
            throw new InvalidInputException("role", "role must be USER, SUPPORT or ADMIN");
        }
        Optional<Account> existing = accounts.byEmail(email);
        if (existing.isPresent()) {
            accounts.setRole(existing.get().id(), role);
            return false;
        }
        PasswordPolicy.check(password, "password", email, rawName);
        accounts.insert(name(rawName), email, passwords.encode(password), role, true, policy.version(), clock.instant());
        return true;
    }

    public void setEmailNotifications(long accountId, boolean on) {
        accounts.setEmailNotifications(accountId, on);
    }

    public void acceptPolicy(long accountId, String version) {
        if (!policy.version().equals(version)) {
            throw new InvalidInputException("acceptedPolicyVersion", "accept the current privacy policy (version "
                    + policy.version() + ")");
        }
        accounts.acceptPolicy(accountId, version, clock.instant());
    }

    /**
     * Deletes the account after the grace period: deactivated now (API tokens revoked; signing in
     * only offers to restore it), everything purged when the period ends. The email holds a
     * single-use restore link. Needs the password.
     *
     * @return when everything will be purged
     */
    @Transactional
    public Instant requestDeletion(long accountId, String password, java.time.Duration grace) {
        Account account = accounts.byId(accountId).orElseThrow();
        if (password == null || !passwords.matches(password, account.passwordHash())) {
            throw new InvalidInputException("password", "the password is not right");
        }
        Instant now = clock.instant();
        accounts.requestDeletion(accountId, now);
        webSessions.endAll(accountId, null); // signed out at once, on every device
        Instant purgeAt = accounts.byId(accountId).orElseThrow().deletionRequestedAt().plus(grace);
        String secret = tokens.issue(accountId, EmailTokens.Purpose.CANCEL_DELETION, account.email(), purgeAt);
        mailer.send(accountId, account.email(), "Your NeuroMix account will be deleted",
                "Hello " + account.name() + ",\n\nyour account and all its sessions will be deleted for good on "
                        + purgeAt + " (UTC). Until then you can keep everything by signing in, or by opening:\n"
                        + settings.baseUrl() + "/restore?token=" + secret + "\n", "account-deletion");
        return purgeAt;
    }

    /** Restores an account pending deletion with the emailed link; empty when the link is not valid. */
    @Transactional
    public java.util.Optional<Long> cancelDeletionByLink(String secret) {
        return tokens.redeem(secret, EmailTokens.Purpose.CANCEL_DELETION, clock.instant())
                .filter(redeemed -> accounts.cancelDeletion(redeemed.accountId()))
                .map(EmailTokens.Redeemed::accountId);
    }

    /** Restores the signed-in account (signing in during the grace period proves it is theirs). */
    @Transactional
    public boolean cancelDeletion(long accountId) {
        return accounts.cancelDeletion(accountId);
    }

    private static String name(String raw) {
        return Names.typed("name", "your name", raw, 200, null);
    }

    /** An email address as stored (trimmed, lower-case), or a refusal naming {@code field}. */
    public static String normalisedEmail(String raw, String field) {
        return email(raw, field);
    }

    private static String email(String raw, String field) {
        String email = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
            throw new InvalidInputException(field, "give a valid email address");
        }
        return email;
    }
}
