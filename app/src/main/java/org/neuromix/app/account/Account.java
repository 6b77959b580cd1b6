package org.neuromix.app.account;

import java.time.Instant;

/** A person's account. {@code email} is stored lower-case. */
public record Account(long id, String name, String email, String passwordHash, String role, boolean emailVerified,
                      String acceptedPolicyVersion, Instant createdAt, Instant deletedAt) {
}
