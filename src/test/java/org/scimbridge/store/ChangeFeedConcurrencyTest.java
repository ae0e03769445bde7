package org.scimbridge.store;

import java.util.UUID;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class ChangeFeedConcurrencyTest extends ChangeFeedConcurrencyContract {

    @Override
    DriverManagerDataSource dataSource() {
        return new DriverManagerDataSource("jdbc:h2:mem:feed-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
    }
}
