package org.neuromix.app.account;

import java.time.Instant;

/** A person's account. {@code email} is stored lower-case. */
public record Account(long id, String name, String email, String passwordHash, String role, boolean emailVerified,
                      String acceptedPolicyVersion, Instant createdAt, Instant deletedAt, Instant deletionRequestedAt,
                      boolean emailNotifications) {
    public static final String USER = "USER";
    public static final String SUPPORT = "SUPPORT";
    public static final String ADMIN = "ADMIN";

    public boolean deletionPending() {
        return deletionRequestedAt != null;
    }
}
