package org.scimbridge.logging;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Set;
import org.scimbridge.config.BridgeProperties;
import org.springframework.stereotype.Component;

/**
 * {@code scim_bridge_requests_seconds{directory,operation,method,status}}: every SCIM request the access log
 * writes a line for, with its latency in fixed buckets (for {@code histogram_quantile} in Grafana). The directory
 * tag is a configured directory or {@code other}, and the operation a route id or {@code none}, so a client
 * inventing paths cannot make new series.
 */
@Component
public class RequestMetrics {

    public static final String NAME = "scim_bridge_requests";
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Set<String> directories;

    public RequestMetrics(MeterRegistry registry, BridgeProperties bridge) {
        this.registry = registry;
        this.directories = Set.copyOf(bridge.directories().keySet());
    }

    void record(String directory, Object operation, String method, int status, long nanos) {
        Timer.builder(NAME)
                .description("SCIM requests by directory, operation (route id) and HTTP status")
                .tag("directory", directory != null && directories.contains(directory) ? directory : "other")
                .tag("operation", operation == null ? "none" : operation.toString())
                .tag("method", method)
                .tag("status", Integer.toString(status))
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }
}
