package org.neuromix.app.testing;

import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The PostgreSQL server for integration tests: {@code NEUROMIX_TEST_POSTGRES_URL} (e.g.
 * jdbc:postgresql://127.0.0.1:5432/postgres), user {@code NEUROMIX_TEST_POSTGRES_USER} (default
 * postgres) and password {@code NEUROMIX_TEST_POSTGRES_PASSWORD}. {@code .ci/run} starts one and
 * sets them, and {@code PostgresInCiTest} fails the build there without them. Each test JVM gets its
 * own schema.
 */
public final class Postgres {
    private static final String SCHEMA = "nmx_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public static final String URL_VARIABLE = "NEUROMIX_TEST_POSTGRES_URL";

    private Postgres() {
    }

    public static void register(DynamicPropertyRegistry registry) {
        String url = System.getenv(URL_VARIABLE);
        String user = System.getenv().getOrDefault("NEUROMIX_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("NEUROMIX_TEST_POSTGRES_PASSWORD", "");
        registry.add("spring.datasource.url", () -> url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
        registry.add("spring.datasource.username", () -> user);
        registry.add("spring.datasource.password", () -> password);
        registry.add("spring.flyway.default-schema", () -> SCHEMA);
        registry.add("spring.flyway.schemas", () -> SCHEMA);
        registry.add("spring.flyway.create-schemas", () -> "true");
    }
}
