package org.scimbridge.hardening;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bad-input suite on a real PostgreSQL, where some inputs behave differently than on H2 (a NUL in a string is
 * refused by PostgreSQL's text type, a statement timeout is the server's). Fewer cases in the normal build than the
 * H2 run, since both see the same generated requests; the long run is
 * {@code mvn test -Dtest=BadInputSuitePostgresTest -Dbadinput.cases=100000} with the PostgreSQL variables set.
 */
@EnabledIfEnvironmentVariable(named = "SCIM_BRIDGE_TEST_PG_URL", matches = ".+")
class BadInputSuitePostgresTest extends BadInputSuiteTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> System.getenv("SCIM_BRIDGE_TEST_PG_URL"));
        registry.add("spring.datasource.username", () -> System.getenv("SCIM_BRIDGE_TEST_PG_USER"));
        registry.add("spring.datasource.password", () -> System.getenv("SCIM_BRIDGE_TEST_PG_PASSWORD"));
    }

    @Override
    protected int defaultCases() {
        return 2_000;
    }
}
