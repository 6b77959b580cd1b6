package org.neuromix.app.account;

import java.io.Serializable;

/** The signed-in person, as kept in the security context. */
public record SignedIn(long accountId, String email, String name, String role) implements Serializable {
}
