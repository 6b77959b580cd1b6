package org.neuromix.app.privacy;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.neuromix.app.testing.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same as {@link GuardianDeletionTest} on a real PostgreSQL (started by .ci/run; see {@link Postgres}). */
@EnabledIfEnvironmentVariable(named = Postgres.URL_VARIABLE, matches = ".+")
class PostgresGuardianDeletionTest extends GuardianDeletionTest {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry);
    }
}
