package org.scimbridge.api;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The same contract on a real PostgreSQL: {@code scripts/postgres-start.sh} starts one and prints the
 * variables; {@code .ci/run} fails when this class was skipped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@EnabledIfEnvironmentVariable(named = "SCIM_BRIDGE_TEST_PG_URL", matches = ".+")
class ScimApiPostgresTest extends ScimApiContract {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> System.getenv("SCIM_BRIDGE_TEST_PG_URL"));
        registry.add("spring.datasource.username", () -> System.getenv("SCIM_BRIDGE_TEST_PG_USER"));
        registry.add("spring.datasource.password", () -> System.getenv("SCIM_BRIDGE_TEST_PG_PASSWORD"));
    }
}
