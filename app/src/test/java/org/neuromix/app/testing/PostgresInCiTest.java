package org.neuromix.app.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** In CI the PostgreSQL tests must run, not be skipped: .ci/run starts the server and sets the URL. */
@EnabledIfEnvironmentVariable(named = "CI", matches = ".+")
class PostgresInCiTest {
    @Test
    void ciProvidesPostgres() {
        assertNotNull(System.getenv(Postgres.URL_VARIABLE), "CI must start PostgreSQL and set " + Postgres.URL_VARIABLE);
    }
}
