package org.scimbridge.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The meters of every sink, whatever its type: {@code scim_bridge_sink_lag{sink,directory}} (feed head minus
 * position), {@code scim_bridge_sink_parked{sink}} (parked changes now) and {@code
 * scim_bridge_sink_changes_total{sink,outcome=applied|parked}}; and what the stream last met when its target
 * was unreachable, until the next change applies (the health of sinks whose type cannot probe its target).
 */
@Component
public class SinkMetrics {

    private final MeterRegistry registry;
    private final SinkFeedStore feed;
    private final SinkDefinitions sinks;
    private final Map<String, String> unreachable = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public SinkMetrics(MeterRegistry registry, SinkFeedStore feed, SinkDefinitions sinks) {
        this.registry = registry;
        this.feed = feed;
        this.sinks = sinks;
    }

    @PostConstruct
    void register() {
        for (String sink : sinks.active()) {
            Gauge.builder("scim_bridge_sink_parked", feed, f -> f.parkedCount(sink))
                    .description("changes this sink parked after their retries").tag("sink", sink)
                    .register(registry);
            for (String dir : sinks.directoriesOf(sink)) {
                Gauge.builder("scim_bridge_sink_lag", feed, f -> f.head(dir) - f.position(sink, dir))
                        .description("changes in the feed that this sink has not applied yet")
                        .tag("sink", sink).tag("directory", dir).register(registry);
            }
        }
    }

    public void applied(String sink) {
        unreachable.remove(sink);
        counter(sink, "applied").increment();
    }

    /** The stream gave a poll up because the target did not answer. */
    public void unreachable(String sink, String why) {
        unreachable.put(sink, why);
    }

    /** Why the target was unreachable, if it was at the last attempt. */
    public Optional<String> lastUnreachable(String sink) {
        return Optional.ofNullable(unreachable.get(sink));
    }

    public void parked(String sink) {
        counter(sink, "parked").increment();
    }

    public double count(String sink, String outcome) {
        Counter c = registry.find("scim_bridge_sink_changes_total").tag("sink", sink).tag("outcome", outcome)
                .counter();
        return c == null ? 0 : c.count();
    }

    private Counter counter(String sink, String outcome) {
        return counters.computeIfAbsent(sink + "\u0000" + outcome, k -> Counter.builder("scim_bridge_sink_changes_total")
                .tag("sink", sink).tag("outcome", outcome).description("changes this sink applied or parked")
                .register(registry));
    }
}
