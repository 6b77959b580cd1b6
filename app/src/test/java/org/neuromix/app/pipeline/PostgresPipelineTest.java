package org.neuromix.app.pipeline;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.neuromix.app.testing.Postgres;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The same pipeline on a real PostgreSQL (started by .ci/run; see {@link Postgres}). */
@EnabledIfEnvironmentVariable(named = Postgres.URL_VARIABLE, matches = ".+")
class PostgresPipelineTest extends PipelineTest {
    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.register(registry);
    }
}
