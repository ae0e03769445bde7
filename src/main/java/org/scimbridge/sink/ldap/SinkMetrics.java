package org.scimbridge.sink.ldap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import org.scimbridge.sink.SinkFeedStore;
import org.springframework.stereotype.Component;

/**
 * The sink's meters: {@code scim_bridge_sink_parked{sink}} (parked changes now), {@code
 * scim_bridge_sink_lag{sink,directory}} (feed head minus position), {@code scim_bridge_sink_changes_total{sink,
 * outcome=applied|parked}} and {@code scim_bridge_sink_ldap_writes_total{sink}}.
 */
@Component
public class SinkMetrics {

    private final MeterRegistry registry;
    private final SinkFeedStore feed;
    private final LdapTargets targets;

    public SinkMetrics(MeterRegistry registry, SinkFeedStore feed, LdapTargets targets) {
        this.registry = registry;
        this.feed = feed;
        this.targets = targets;
    }

    @PostConstruct
    void register() {
        for (String sink : targets.activeTargets()) {
            Gauge.builder("scim_bridge_sink_parked", feed, f -> f.parkedCount(sink))
                    .description("changes this sink parked after their retries").tag("sink", sink)
                    .register(registry);
            for (String dir : targets.directoriesOf(sink)) {
                Gauge.builder("scim_bridge_sink_lag", feed, f -> f.head(dir) - f.position(sink, dir))
                        .description("changes in the feed that this sink has not applied yet")
                        .tag("sink", sink).tag("directory", dir).register(registry);
            }
        }
    }

    public void applied(String sink, int writes) {
        Counter.builder("scim_bridge_sink_changes_total").tag("sink", sink).tag("outcome", "applied")
                .register(registry).increment();
        Counter.builder("scim_bridge_sink_ldap_writes_total").tag("sink", sink).register(registry).increment(writes);
    }

    /** A change applied by a sink that counts no LDAP writes (the JDBC sink). */
    public void appliedChange(String sink) {
        Counter.builder("scim_bridge_sink_changes_total").tag("sink", sink).tag("outcome", "applied")
                .register(registry).increment();
    }

    public void parked(String sink) {
        Counter.builder("scim_bridge_sink_changes_total").tag("sink", sink).tag("outcome", "parked")
                .register(registry).increment();
    }

    public double count(String sink, String outcome) {
        Counter c = registry.find("scim_bridge_sink_changes_total").tag("sink", sink).tag("outcome", outcome)
                .counter();
        return c == null ? 0 : c.count();
    }
}
