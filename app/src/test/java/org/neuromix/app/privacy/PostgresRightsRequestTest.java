package org.neuromix.app.privacy;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.neuromix.app.testing.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same as {@link RightsRequestTest} on a real PostgreSQL (started by .ci/run; see {@link Postgres}). */
@EnabledIfEnvironmentVariable(named = Postgres.URL_VARIABLE, matches = ".+")
class PostgresRightsRequestTest extends RightsRequestTest {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry);
    }
}
