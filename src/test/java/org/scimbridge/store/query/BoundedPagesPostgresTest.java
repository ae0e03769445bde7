package org.scimbridge.store.query;

import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Bounded list pages on a real PostgreSQL ({@code scripts/postgres-start.sh} starts one). */
@EnabledIfEnvironmentVariable(named = "SCIM_BRIDGE_TEST_PG_URL", matches = ".+")
class BoundedPagesPostgresTest extends BoundedPagesContract {

    @Override
    DataSource dataSource() {
        return new DriverManagerDataSource(System.getenv("SCIM_BRIDGE_TEST_PG_URL"),
                System.getenv("SCIM_BRIDGE_TEST_PG_USER"), System.getenv("SCIM_BRIDGE_TEST_PG_PASSWORD"));
    }
}
