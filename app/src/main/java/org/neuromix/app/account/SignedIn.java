package org.neuromix.app.account;

import java.io.Serializable;
import java.security.Principal;

/**
 * The signed-in person, as kept in the security context. Its principal name is the account id,
 * not the email or name: it is what the database-held web sessions are indexed by (short, and no
 * personal data in the index), and what "sign out everywhere" looks them up by.
 */
public record SignedIn(long accountId, String email, String name, String role) implements Serializable, Principal {
    public static String principalName(long accountId) {
        return "account:" + accountId;
    }

    @Override
    public String getName() {
        return principalName(accountId);
    }
}
