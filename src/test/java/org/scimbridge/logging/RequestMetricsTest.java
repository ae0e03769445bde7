package org.scimbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.scimbridge.config.BridgeProperties;

class RequestMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestMetrics metrics = new RequestMetrics(registry, new BridgeProperties(0, 0, 0,
            Map.of("demo", new BridgeProperties.DirectoryProperties("t", null, null, List.of()))));

    @Test
    void requestsOfOneSeriesGoToOneTimer() {
        metrics.record("demo", "scim-users-create", "POST", 201, TimeUnit.MILLISECONDS.toNanos(7));
        metrics.record("demo", "scim-users-create", "POST", 201, TimeUnit.MILLISECONDS.toNanos(30));
        metrics.record("demo", "scim-users-create", "POST", 409, TimeUnit.MILLISECONDS.toNanos(3));

        Timer created = registry.get(RequestMetrics.NAME).tag("status", "201").timer();
        assertThat(created.count()).isEqualTo(2);
        assertThat(created.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(37.0);
        assertThat(registry.get(RequestMetrics.NAME).tag("status", "409").timer().count()).isEqualTo(1);
        assertThat(registry.get(RequestMetrics.NAME).timers()).hasSize(2);
    }

    @Test
    void unknownDirectoriesAndOperationsShareASeries() {
        metrics.record("made-up-1", null, "GET", 401, 1_000);
        metrics.record("made-up-2", null, "GET", 401, 1_000);
        metrics.record(null, null, "GET", 401, 1_000);

        Timer other = registry.get(RequestMetrics.NAME).tags("directory", "other", "operation", "none").timer();
        assertThat(other.count()).isEqualTo(3);
        assertThat(registry.get(RequestMetrics.NAME).timers()).hasSize(1);
    }
}
