package org.scimbridge.sink.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.scimbridge.config.BridgeProperties;
import org.scimbridge.sink.SinkFeedStore;
import org.scimbridge.sink.SinkProperties;
import org.scimbridge.sink.ldap.LdapSinkProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.stereotype.Component;

/**
 * Connects the configured JDBC sinks to Camel. For each sink {@code S} it binds a pooled {@link DataSource} named
 * {@code jdbc-sink-S} in the Camel registry (the {@code sql:} endpoints of {@code routes/sink-jdbc.camel.yaml}
 * name it as {@code dataSource: "#jdbc-sink-S"}). Not a Spring bean on purpose: a second {@code DataSource} bean
 * would switch off Spring Boot's own, the store of record's. Once Camel runs, it adds {@code sink-jdbc-apply-S} and
 * {@code sink-jdbc-poll-S} from the templates for every sink a directory names.
 */
@Component
public class JdbcSinks implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinks.class);

    private final JdbcSinkProperties props;
    private final BridgeProperties bridge;
    private final SinkProperties sinks;
    private final SinkFeedStore feed;
    private final MeterRegistry meters;
    private final Map<String, HikariDataSource> dataSources = new LinkedHashMap<>();

    public JdbcSinks(JdbcSinkProperties props, BridgeProperties bridge, SinkProperties sinks,
                     LdapSinkProperties ldap, SinkFeedStore feed, MeterRegistry meters) {
        this.props = props;
        this.bridge = bridge;
        this.sinks = sinks;
        this.feed = feed;
        this.meters = meters;
        for (String name : props.jdbcSinks().keySet()) {
            if (ldap.targets().containsKey(name)) {
                throw new IllegalStateException("sink name '" + name + "' is both an LDAP target and a JDBC sink;"
                        + " positions are kept per sink name, so names must differ");
            }
        }
    }

    public static String dataSourceName(String sink) {
        return "jdbc-sink-" + sink;
    }

    public static String applyRouteId(String sink) {
        return "sink-jdbc-apply-" + sink;
    }

    public static String pollRouteId(String sink) {
        return "sink-jdbc-poll-" + sink;
    }

    public boolean exists(String sink) {
        return props.jdbcSinks().containsKey(sink);
    }

    /** The sinks that some directory feeds. */
    public List<String> activeSinks() {
        List<String> out = new ArrayList<>();
        props.jdbcSinks().keySet().stream().sorted().filter(s -> !directoriesOf(s).isEmpty()).forEach(out::add);
        return out;
    }

    public List<String> directoriesOf(String sink) {
        return bridge.directories().entrySet().stream().filter(e -> e.getValue().sinks().contains(sink))
                .map(Map.Entry::getKey).sorted().toList();
    }

    public DataSource dataSource(String sink) {
        return dataSources.get(sink);
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        props.jdbcSinks().forEach((name, s) -> {
            HikariConfig config = new HikariConfig();
            config.setPoolName(dataSourceName(name));
            config.setJdbcUrl(s.url());
            config.setUsername(s.username());
            config.setPassword(s.password());
            config.setMaximumPoolSize(s.maxPoolSize());
            config.setMinimumIdle(0);
            // a target that is down must fail a poll quickly (it is retried), not hang it for Hikari's 30 s default
            config.setConnectionTimeout(5_000);
            config.setInitializationFailTimeout(-1);
            HikariDataSource ds = new HikariDataSource(config);
            dataSources.put(name, ds);
            if (s.initializeSchema()) {
                new ResourceDatabasePopulator(new ClassPathResource("db/jdbc-sink/tables.sql")).execute(ds);
            }
            camelContext.getRegistry().bind(dataSourceName(name), ds);
        });
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        if (!sinks.pollers()) {
            LOG.info("JDBC sink routes off (scim-bridge.sinks.pollers=false)");
            return;
        }
        for (String sink : activeSinks()) {
            for (String dir : directoriesOf(sink)) {
                Gauge.builder("scim_bridge_sink_lag", feed, f -> f.head(dir) - f.position(sink, dir))
                        .description("changes in the feed that this sink has not applied yet")
                        .tag("sink", sink).tag("directory", dir).register(meters);
            }
            Gauge.builder("scim_bridge_sink_parked", feed, f -> f.parkedCount(sink))
                    .description("changes this sink parked after their retries").tag("sink", sink).register(meters);
            try {
                camelContext.addRouteFromTemplate(applyRouteId(sink), "sink-jdbc-apply", Map.of("target", sink));
                camelContext.addRouteFromTemplate(pollRouteId(sink), "sink-jdbc-poll", Map.of("target", sink));
                LOG.info("JDBC sink {} feeds from directories {} into {}", sink, directoriesOf(sink),
                        props.jdbcSinks().get(sink).url());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the JDBC sink " + sink, e);
            }
        }
    }

    @PreDestroy
    public void close() {
        dataSources.values().forEach(HikariDataSource::close);
    }
}
