package org.scimbridge.store;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The same on a real PostgreSQL (its row locks, its READ COMMITTED snapshots, its identity column). */
@EnabledIfEnvironmentVariable(named = "SCIM_BRIDGE_TEST_PG_URL", matches = ".+")
class ChangeFeedConcurrencyPostgresTest extends ChangeFeedConcurrencyContract {

    @Override
    DriverManagerDataSource dataSource() {
        return new DriverManagerDataSource(System.getenv("SCIM_BRIDGE_TEST_PG_URL"),
                System.getenv("SCIM_BRIDGE_TEST_PG_USER"), System.getenv("SCIM_BRIDGE_TEST_PG_PASSWORD"));
    }
}
