package org.neuromix.app.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;

import org.neuromix.app.system.InvalidInputException;

/**
 * What a new password must be (sign-up, change, reset, staff accounts), after NIST SP 800-63B:
 * 10 to 200 characters counted as code points (an emoji is one), not only spaces, not the
 * account's email address or its part before the @, and not easy to guess. "Easy to guess" is
 * zxcvbn's estimate (Dropbox's algorithm, the nulab Java port) against its 30,000 most common
 * passwords, English words, names, keyboard patterns, repeats, sequences and dates, with the
 * account's own email and name added to its dictionary: a score under 2 (fewer than about 10^6
 * guesses) is refused. No composition rules: length and guessability are what count.
 */
final class PasswordPolicy {
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 200;
    /** zxcvbn's scores: 0 and 1 fall to an online attack of about a million guesses. */
    static final int MIN_SCORE = 2;

    private static final Zxcvbn ESTIMATOR = new Zxcvbn();

    private PasswordPolicy() {
    }

    /**
     * @param field where the form or JSON carries the password
     * @param email the account's address (lower-cased), or null when not known yet
     * @param name  the account's name, or null
     */
    static void check(String password, String field, String email, String name) {
        checkWithoutAccount(password, field);
        List<String> personal = new ArrayList<>();
        if (email != null) {
            String localPart = email.substring(0, Math.max(0, email.indexOf('@')));
            String typed = password.strip().toLowerCase(Locale.ROOT);
            if (typed.equals(email) || typed.equals(localPart)) {
                throw new InvalidInputException(field, "the password must not be your email address or its part before"
                        + " the @");
            }
            personal.add(email);
            personal.add(localPart);
        }
        if (name != null && !name.isBlank()) {
            personal.add(name.strip().toLowerCase(Locale.ROOT));
        }
        Strength strength = ESTIMATOR.measure(password, personal);
        if (strength.getScore() < MIN_SCORE) {
            String warning = strength.getFeedback().getWarning(Locale.ENGLISH);
            throw new InvalidInputException(field, "this password is too easy to guess"
                    + (warning == null || warning.isBlank() ? " (it is close to your email or name, or too simple)" : ": " + warning)
                    + " Try a few unrelated words, or a longer phrase.");
        }
    }

    /** The checks that need no account: length in code points and not only spaces. */
    static void checkWithoutAccount(String password, String field) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new InvalidInputException(field, "the password must have " + MIN_LENGTH + " to " + MAX_LENGTH + " characters");
        }
        if (password.isBlank()) {
            throw new InvalidInputException(field, "the password must not be only spaces");
        }
    }
}
