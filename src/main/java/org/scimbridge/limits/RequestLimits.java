package org.scimbridge.limits;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code scim-bridge.limits}: what one request may take, so that a slow or hostile client of one directory
 * cannot take the threads, the connections or the database time of another. The defaults are here and only here.
 *
 * @param concurrentRequestsPerDirectory requests of one directory served at once (its bulkhead); the request
 *                                       executor is sized to the sum over all directories, so it is never the
 *                                       bottleneck
 * @param maxQueuedRequestsPerDirectory  requests of one directory that may wait for a permit; more are answered
 *                                       429 with {@code Retry-After} at once, so a burst of one directory cannot
 *                                       hold all the servlet threads while it waits
 * @param permitWait                     how long a request waits for a permit of its directory before it is
 *                                       answered 429 with {@code Retry-After}
 * @param bodyReadTimeout                the whole request body must arrive within this time, else 408
 * @param minBodyBytesPerSecond          after the first second, a body arriving slower than this is cut off, 408
 * @param requestTimeout                 time budget of one request once its body is read; past it the request is
 *                                       answered 503 with {@code Retry-After} and its statements are cancelled
 * @param statementTimeout               longest any single SQL statement of the bridge may run (bounded further by
 *                                       what is left of the request's budget)
 * @param retryAfter                     the {@code Retry-After} sent with 429 and 503
 * @param maxValuesPerAttribute          values one multi-valued attribute may hold ({@code emails}, ...): more are
 *                                       400 {@code invalidValue} on POST, PUT and PATCH; group {@code members}
 *                                       are not bound by it
 * @param maxMembersPerPatch             member values one PATCH of a group may add, remove or set, summed over its
 *                                       operations (both Entra dialects): more are 400 {@code invalidValue} and
 *                                       nothing is stored; POST and PUT are bounded by the body size only
 * @param maxResponseBytes               estimated bytes of one list response (stored JSON of its resources plus an
 *                                       allowance per resource and per group member): a page that would hold more
 *                                       is cut short, with {@code itemsPerPage} and the next {@code startIndex} or
 *                                       {@code nextCursor} saying where to go on; its first resource is always sent
 * @param requestsPerSecondPerDirectory  optional rate limit: requests of one directory admitted per second; more are
 *                                       answered 429 with {@code Retry-After} (Entra backs off on it); 0, the
 *                                       default, is no rate limit
 * @param maxInFlightBodyBytes           request bodies served at once may sum to at most this many bytes; a request
 *                                       that would pass it is answered 503 with {@code Retry-After} before its
 *                                       body is read ({@link InFlightBodies}); 0, the default, is a sixteenth of
 *                                       the maximum heap (32 MiB at {@code -Xmx512m}), and it is never less than
 *                                       {@code scim-bridge.max-body-bytes}
 */
@Validated
@ConfigurationProperties(prefix = "scim-bridge.limits")
public record RequestLimits(
        @DefaultValue("8") @Min(1) int concurrentRequestsPerDirectory,
        @DefaultValue("64") @Min(0) int maxQueuedRequestsPerDirectory,
        @DefaultValue("10s") @NotNull Duration permitWait,
        @DefaultValue("10s") @NotNull Duration bodyReadTimeout,
        @DefaultValue("1024") @Min(1) long minBodyBytesPerSecond,
        @DefaultValue("30s") @NotNull Duration requestTimeout,
        @DefaultValue("5s") @NotNull Duration statementTimeout,
        @DefaultValue("5s") @NotNull Duration retryAfter,
        @DefaultValue("100") @Min(1) int maxValuesPerAttribute,
        @DefaultValue("1000") @Min(1) int maxMembersPerPatch,
        @DefaultValue("8388608") @Min(1) long maxResponseBytes,
        @DefaultValue("0") @Min(0) int requestsPerSecondPerDirectory,
        @DefaultValue("0") @Min(0) long maxInFlightBodyBytes) {

    /** {@code Retry-After} in whole seconds (RFC 9110 §10.2.3), at least 1. */
    public String retryAfterSeconds() {
        return Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }
}
