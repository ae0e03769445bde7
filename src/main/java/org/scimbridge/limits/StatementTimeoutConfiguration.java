package org.scimbridge.limits;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every statement on the store is bounded: the store's pool is wrapped in a {@link StatementTimeoutDataSource}, and
 * on PostgreSQL its connections also carry {@code statement_timeout}, so the server ends a statement even if the
 * cancel request of the client never arrives. Flyway migrations are the exception: they run once, at start, on
 * connections of their own without a timeout, since building an index on a large table may take minutes.
 */
@Configuration(proxyBeanMethods = false)
public class StatementTimeoutConfiguration {

    static final String STORE_DATA_SOURCE = "dataSource";

    @Bean
    static BeanPostProcessor boundedStoreStatements(ObjectProvider<RequestLimits> limits) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!STORE_DATA_SOURCE.equals(name) || !(bean instanceof DataSource dataSource)
                        || bean instanceof StatementTimeoutDataSource) {
                    return bean;
                }
                long millis = limits.getObject().statementTimeout().toMillis();
                // the pool starts at its first connection, so its settings can still change here
                if (bean instanceof HikariDataSource hikari && hikari.getJdbcUrl() != null
                        && hikari.getJdbcUrl().startsWith("jdbc:postgresql:")) {
                    hikari.addDataSourceProperty("options", "-c statement_timeout=" + millis);
                }
                return new StatementTimeoutDataSource(dataSource, limits.getObject().statementTimeout());
            }
        };
    }

    @Bean
    FlywayConfigurationCustomizer migrationsWithoutStatementTimeout() {
        return configuration -> {
            if (configuration.getDataSource() instanceof StatementTimeoutDataSource bounded
                    && bounded.getTargetDataSource() instanceof HikariDataSource hikari) {
                configuration.dataSource(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
            }
        };
    }
}
