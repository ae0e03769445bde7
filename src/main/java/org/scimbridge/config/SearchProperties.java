package org.scimbridge.config;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code scim-bridge.search.*}: the bounds of list queries.
 *
 * @param maxFilteredCount a filtered list counts its matches up to this many; {@code totalResults} says no more
 *                         than this (an unfiltered list's count is exact, kept per directory)
 * @param cursorSecret     the HMAC key of RFC 9865 cursors; empty: a random key per process, so cursors do not
 *                         survive a restart (give the same secret to every instance behind one URL)
 * @param cursorTtl        how long a cursor is accepted after the page that handed it out
 */
@Validated
@ConfigurationProperties(prefix = "scim-bridge.search")
public record SearchProperties(@Min(1) int maxFilteredCount, String cursorSecret, Duration cursorTtl) {

    public SearchProperties {
        if (maxFilteredCount == 0) {
            maxFilteredCount = 10_000;
        }
        cursorSecret = cursorSecret == null ? "" : cursorSecret;
        cursorTtl = cursorTtl == null ? Duration.ofHours(1) : cursorTtl;
    }
}
