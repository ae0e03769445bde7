package org.scimbridge.sink.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.scimbridge.sink.Failures;
import org.scimbridge.sink.SinkDefinitions;
import org.scimbridge.sink.SinkType;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * {@code type: jdbc}: each sink's keys bound into a {@link JdbcTarget} at start-up, and a pooled
 * {@link DataSource} bound in the Camel registry as {@code jdbc-sink-<name>}, which the {@code sql:} endpoints of
 * the {@code jdbc-sink} template ({@code routes/sink-jdbc.camel.yaml}) name. The route of sink {@code S} is
 * {@code sink-S}, made from that template. The datasources are not Spring beans on purpose: a second
 * {@code DataSource} bean would switch off Spring Boot's own, the store of record's.
 */
@Component
public class JdbcSinks implements SinkType {

    public static final String TYPE = "jdbc";
    static final String TEMPLATE = "jdbc-sink";

    private final Map<String, JdbcTarget> targets = new LinkedHashMap<>();
    private final Map<String, HikariDataSource> dataSources = new LinkedHashMap<>();

    public JdbcSinks(SinkDefinitions definitions) {
        for (String sink : definitions.ofType(TYPE)) {
            targets.put(sink, definitions.bind(sink, JdbcTarget.class));
        }
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public ApplyRoute defaultRoute(String sink) {
        return ApplyRoute.template(sink, TEMPLATE);
    }

    /**
     * camel-sql runs statements through Spring's JdbcTemplate, so failures arrive as translated
     * {@code DataAccessException}s: <b>unreachable</b> (retried, never parked) are the transient and
     * resource-failure ones ({@link Failures}: no connection, a lost deadlock or serialization race, a timeout)
     * and the driver's own {@link SQLTransientException} and {@link SQLRecoverableException}; anything else (a
     * constraint, a missing table, a value too long) is a refusal: retried a few times, then parked.
     */
    @Override
    public Failure classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return Failure.UNREACHABLE;
            }
        }
        return Failures.classify(error);
    }

    /** One line for the parked list: the deepest SQL error with its SQLState. */
    @Override
    public String describe(Throwable error) {
        Throwable root = NestedExceptionUtils.getMostSpecificCause(error);
        return root instanceof SQLException sql
                ? "SQL " + sql.getSQLState() + " " + sql.getClass().getSimpleName() + ": " + sql.getMessage()
                : Failures.describe(error);
    }

    public static String dataSourceName(String sink) {
        return "jdbc-sink-" + sink;
    }

    /** A connection from the sink's pool, validated; false before the pool exists (streams off). */
    @Override
    public boolean probe(String sink) throws SQLException {
        DataSource ds = dataSources.get(sink);
        if (ds == null) {
            return false;
        }
        try (Connection c = ds.getConnection()) {
            if (!c.isValid(3)) {
                throw new SQLException("connection to sink " + sink + " is not valid");
            }
        }
        return true;
    }

    public DataSource dataSource(String sink) {
        return dataSources.get(sink);
    }

    @Override
    public void prepare(String sink, CamelContext camel) {
        JdbcTarget s = targets.get(sink);
        HikariConfig config = new HikariConfig();
        config.setPoolName(dataSourceName(sink));
        config.setJdbcUrl(s.url());
        config.setUsername(s.username());
        config.setPassword(s.password());
        config.setMaximumPoolSize(s.maxPoolSize());
        config.setMinimumIdle(0);
        // a target that is down must fail an attempt quickly (it is retried), not hang it for Hikari's 30 s default
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);
        HikariDataSource ds = new HikariDataSource(config);
        dataSources.put(sink, ds);
        if (s.initializeSchema()) {
            new ResourceDatabasePopulator(new ClassPathResource("db/jdbc-sink/tables.sql")).execute(ds);
        }
        camel.getRegistry().bind(dataSourceName(sink), ds);
    }

    @PreDestroy
    public void close() {
        dataSources.values().forEach(HikariDataSource::close);
    }
}
