package org.scimbridge.sink;

import jakarta.validation.constraints.Min;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code scim-bridge.sinks.*}: what every sink (LDAP and JDBC) shares when several bridges run against one
 * database.
 *
 * @param instanceId this bridge's name in the lease rows; default host name plus a random suffix, so two
 *                   bridges (or two contexts in one JVM) never share one
 * @param leaseMs    how long a (sink, directory) lease lasts without renewal. A holder renews it at half time
 *                   while it works; an instance that dies (kill -9) loses it after this long. It must be longer
 *                   than one change may take, its in-poll retries included
 * @param pollers    false: start no sink pollers (the reconcile command, or an instance that only serves SCIM)
 */
@Validated
@ConfigurationProperties(prefix = "scim-bridge.sinks")
public record SinkProperties(String instanceId, @Min(500) long leaseMs, Boolean pollers) {

    public SinkProperties {
        instanceId = instanceId == null || instanceId.isBlank() ? defaultInstanceId() : instanceId;
        leaseMs = leaseMs == 0 ? 60_000 : leaseMs;
        pollers = pollers == null || pollers;
    }

    public Duration lease() {
        return Duration.ofMillis(leaseMs);
    }

    private static String defaultInstanceId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "bridge";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
