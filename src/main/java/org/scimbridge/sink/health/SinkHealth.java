package org.scimbridge.sink.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.scimbridge.sink.SinkCatalog;
import org.scimbridge.sink.SinkFeedStore;
import org.scimbridge.sink.SinkMetrics;
import org.scimbridge.sink.SinkType;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One health indicator per active sink, under the contributor {@code sinkTargets}, shown by the health group
 * {@code sinks} ({@code /actuator/health/sinks}): whether the target answers, and per directory the position,
 * head and lag, and the parked count.
 *
 * <p><b>Why a group of its own, and a status of its own.</b> While a target is down Entra's writes still succeed:
 * they are stored and queue in the feed, and the sink catches up when the target is back. So a down target must
 * not take the bridge out of readiness (the load balancer would then refuse Entra's writes too), nor turn the
 * root {@code /actuator/health} DOWN. An unreachable target is reported as {@link #UNREACHABLE}, a status only
 * the {@code sinks} group orders (and maps to 503); every other aggregate ignores a status not in its order.
 */
@Configuration(proxyBeanMethods = false)
public class SinkHealth {

    /** A sink whose target does not answer (the changes wait in the feed). */
    public static final Status UNREACHABLE = new Status("UNREACHABLE", "the sink's target does not answer");

    @Bean
    CompositeHealthContributor sinkTargetsHealthContributor(SinkCatalog catalog, SinkFeedStore feed,
                                                           SinkMetrics metrics) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        for (String sink : catalog.active()) {
            indicators.put(sink, () -> health(sink, catalog, feed, metrics));
        }
        return CompositeHealthContributor.fromMap(indicators);
    }

    static Health health(String sink, SinkCatalog catalog, SinkFeedStore feed, SinkMetrics metrics) {
        SinkType type = catalog.type(sink);
        Health.Builder health;
        try {
            if (type.probe(sink)) {
                health = Health.up().withDetail("reachable", true);
            } else {
                Optional<String> last = metrics.lastUnreachable(sink);
                health = last.isPresent()
                        ? Health.status(UNREACHABLE).withDetail("reachable", false).withDetail("error", last.get())
                        : Health.up().withDetail("reachable", "not probed (the last delivery reached it)");
            }
        } catch (Exception e) {
            health = Health.status(UNREACHABLE).withDetail("reachable", false).withDetail("error", type.describe(e));
        }
        Map<String, Object> directories = new LinkedHashMap<>();
        for (String dir : catalog.directoriesOf(sink)) {
            long position = feed.position(sink, dir);
            long head = feed.head(dir);
            directories.put(dir, Map.of("position", position, "head", head, "lag", head - position));
        }
        return health.withDetail("type", catalog.definition(sink).type())
                .withDetail("directories", directories)
                .withDetail("parked", feed.parkedCount(sink))
                // the mass-change guard's held changes belong here (and in SinkMetrics) once that guard exists
                .build();
    }
}
