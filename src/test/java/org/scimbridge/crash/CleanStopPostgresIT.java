package org.scimbridge.crash;

import java.util.List;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The clean stop and start with PostgreSQL as the store of record ({@code scripts/postgres-start.sh}). */
@EnabledIfEnvironmentVariable(named = "SCIM_BRIDGE_TEST_PG_URL", matches = ".+")
class CleanStopPostgresIT extends CleanStopIT {

    @Override
    List<String> storeArguments() {
        return List.of("--spring.datasource.url=" + System.getenv("SCIM_BRIDGE_TEST_PG_URL"),
                "--spring.datasource.username=" + System.getenv("SCIM_BRIDGE_TEST_PG_USER"),
                "--spring.datasource.password=" + System.getenv("SCIM_BRIDGE_TEST_PG_PASSWORD"));
    }
}
