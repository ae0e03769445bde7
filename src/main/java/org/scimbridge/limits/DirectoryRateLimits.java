package org.scimbridge.limits;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The optional per-directory rate limit ({@code scim-bridge.limits.requests-per-second-per-directory}, off at 0): a
 * resilience4j rate limiter per directory that admits that many requests per second and never waits, so a request
 * over the limit is answered at once (429 with {@code Retry-After}) and holds no thread.
 */
@Component
public class DirectoryRateLimits {

    private final RateLimiterRegistry registry;

    public DirectoryRateLimits(RequestLimits limits) {
        int perSecond = limits.requestsPerSecondPerDirectory();
        this.registry = perSecond == 0 ? null : RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(perSecond)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ZERO)
                .build());
    }

    /** True when the directory may send one more request now (always, with no limit configured). */
    public boolean admit(String directoryId) {
        if (registry == null) {
            return true;
        }
        RateLimiter limiter = registry.rateLimiter(directoryId);
        return limiter.acquirePermission();
    }
}
