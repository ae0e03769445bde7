package org.scimbridge.feed;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code scim-bridge.feed.*}: how long the change feed keeps changes every sink of their directory has applied.
 *
 * @param retention    a change applied by every sink is trimmed once it is older than this (default 7 days)
 * @param period       how often the trim runs (default 10 minutes)
 * @param batchSize    rows deleted per statement, so no transaction holds many row locks (default 1000)
 * @param maxBatches   statements per directory per run; what is left waits for the next run (default 100)
 */
@Validated
@ConfigurationProperties(prefix = "scim-bridge.feed")
public record FeedRetentionProperties(Duration retention, Duration period, @Min(0) @Max(100_000) int batchSize,
                                      @Min(0) int maxBatches) {

    public FeedRetentionProperties {
        retention = retention == null ? Duration.ofDays(7) : retention;
        period = period == null ? Duration.ofMinutes(10) : period;
        batchSize = batchSize == 0 ? 1000 : batchSize;
        maxBatches = maxBatches == 0 ? 100 : maxBatches;
        if (retention.isNegative()) {
            throw new IllegalArgumentException("scim-bridge.feed.retention must not be negative");
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("scim-bridge.feed.period must be positive");
        }
    }
}
