package org.scimbridge.sink;

import jakarta.validation.constraints.Min;
import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code scim-bridge.stream.*}: how every (sink, directory) feed stream runs, whatever the sink. This record is
 * the one table of defaults: application.yaml only documents the keys, and the {@code sink-stream} route
 * template gets its timer settings from here.
 *
 * @param instanceId         this bridge's name in the lease rows; default host name plus a random suffix, so two
 *                           bridges (or two contexts in one JVM) never share one
 * @param leaseMs            how long a (sink, directory) lease lasts without renewal (60 s). The holder renews it at
 *                           half time while it works; an instance that dies (kill -9) loses it after this long
 * @param pollers            false: start no streams in this process (the reconcile command, or an instance that
 *                           only serves SCIM)
 * @param pollPeriodMs       how often each sink looks for new changes (500 ms)
 * @param pollDelayMs        how long after its stream starts the first look is (0: at once; the streams start
 *                           once everything else runs)
 * @param batchSize          how many changes of one directory a poll takes at most (100)
 * @param refusalsBeforePark a change the target refuses (HTTP 4xx, a conflict, ...) is tried this many times (3),
 *                           with back-off, then parked; later changes of the same resource park behind it. A
 *                           change whose data the target rejects for good (schema violation) is parked at once
 * @param transientRetries   while the target is unreachable a change is retried this many times (8) within one
 *                           poll; then the poll ends and the next one starts over at the same position. Such a
 *                           change is never parked: an outage would otherwise park everything
 * @param initialBackoffMs   the first retry waits this long (200 ms); each next wait doubles ...
 * @param maxBackoffMs       ... up to this (2 s): so a stream notices within about 2 s that its target is back
 * @param watermarkCheckMs   how often a running stream compares what its target says it applied with the
 *                           stream's position (60 s); it also does when the stream starts, before the first
 *                           change. A target that is behind (wiped, restored from a backup, replaced) is
 *                           reconciled. LDAP targets only, today ({@code LdapWatermark})
 */
@Validated
@ConfigurationProperties(prefix = "scim-bridge.stream")
public record StreamProperties(
        String instanceId,
        @Min(500) Long leaseMs,
        Boolean pollers,
        @Min(10) Long pollPeriodMs,
        @Min(0) Long pollDelayMs,
        @Min(1) Integer batchSize,
        @Min(1) Integer refusalsBeforePark,
        @Min(0) Integer transientRetries,
        @Min(1) Long initialBackoffMs,
        @Min(1) Long maxBackoffMs,
        @Min(100) Long watermarkCheckMs) {

    public StreamProperties {
        instanceId = instanceId == null || instanceId.isBlank() ? defaultInstanceId() : instanceId;
        leaseMs = leaseMs == null ? 60_000L : leaseMs;
        pollers = pollers == null || pollers;
        pollPeriodMs = pollPeriodMs == null ? 500L : pollPeriodMs;
        pollDelayMs = pollDelayMs == null ? 0L : pollDelayMs;
        batchSize = batchSize == null ? 100 : batchSize;
        refusalsBeforePark = refusalsBeforePark == null ? 3 : refusalsBeforePark;
        transientRetries = transientRetries == null ? 8 : transientRetries;
        initialBackoffMs = initialBackoffMs == null ? 200L : initialBackoffMs;
        maxBackoffMs = maxBackoffMs == null ? 2_000L : maxBackoffMs;
        watermarkCheckMs = watermarkCheckMs == null ? 60_000L : watermarkCheckMs;
    }

    public Duration lease() {
        return Duration.ofMillis(leaseMs);
    }

    /** The wait before retry number {@code n} (1-based): initial, doubled each time, capped. */
    public long backoffMs(int n) {
        long delay = initialBackoffMs;
        for (int i = 1; i < n && delay < maxBackoffMs; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxBackoffMs);
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
