package org.scimbridge.sink;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Claims each (sink, directory) stream for this instance, so that when several bridges share one PostgreSQL
 * exactly one applies a given stream at a time, in seq order.
 *
 * <p><b>Why a lease and not {@code SELECT ... FOR UPDATE SKIP LOCKED}:</b> a row lock is held by an open
 * transaction, and the lock would have to last across the LDAP calls of a whole batch (seconds; minutes while a
 * target is down and the change is retried): a pooled connection and an open transaction per stream for that
 * long, and vacuum held back on PostgreSQL. A lease is a value in the position row ({@code lease_owner},
 * {@code lease_until}, migration V8) written by short autocommit UPDATEs: no transaction stays open while LDAP
 * works, a graceful stop releases it at once, and an instance killed with {@code kill -9} loses it when it
 * expires. The safety does not rest on the expiry alone: {@link SinkFeedStore#advance} moves a position from
 * N-1 to N only while the mover holds an unexpired lease, in the same statement.
 *
 * <p>Leases are measured by the database's clock. Locally each instance keeps a conservative deadline (taken
 * before the claim, minus a tenth of the lease) on {@link System#nanoTime()}, so {@link #holds} costs no round
 * trip and turns false before the database would let another instance take over.
 */
@Component
public class SinkLeases {

    private static final Logger LOG = LoggerFactory.getLogger(SinkLeases.class);

    private final SinkFeedStore feed;
    private final StreamProperties props;
    /** (sink, directory) to the nanoTime until which this instance is sure it holds the lease. */
    private final Map<String, Long> deadlines = new ConcurrentHashMap<>();

    public SinkLeases(SinkFeedStore feed, StreamProperties props) {
        this.feed = feed;
        this.props = props;
    }

    public String owner() {
        return props.instanceId();
    }

    /**
     * Makes sure this instance holds the stream's lease with at least half its time left: renews it, or takes it
     * over when it is free or expired. False when another instance holds it.
     */
    public boolean hold(String sink, String directoryId) {
        long ttl = props.lease().toNanos();
        Long deadline = deadlines.get(key(sink, directoryId));
        long start = System.nanoTime();
        if (deadline != null && deadline - start > ttl / 2) {
            return true;
        }
        String previous = deadline == null ? feed.lease(sink, directoryId).map(SinkFeedStore.Lease::owner)
                .orElse(null) : owner();
        if (feed.claim(sink, directoryId, owner(), props.lease()).isEmpty()) {
            if (deadlines.remove(key(sink, directoryId)) != null) {
                LOG.warn("sink {} directory {}: lease lost to another instance", sink, directoryId);
            }
            return false;
        }
        deadlines.put(key(sink, directoryId), start + ttl - ttl / 10);
        if (deadline == null) {
            LOG.info("sink {} directory {}: this instance ({}) applies the stream now{}", sink, directoryId, owner(),
                    previous == null || previous.equals(owner()) ? "" : " (took it over from " + previous + ")");
        }
        return true;
    }

    /** Whether this instance still surely holds the lease (no database round trip). */
    public boolean holds(String sink, String directoryId) {
        Long deadline = deadlines.get(key(sink, directoryId));
        return deadline != null && deadline - System.nanoTime() > 0;
    }

    /** Throws {@link LeaseLostException} unless {@link #holds}: called before each write to a target. */
    public void check(String sink, String directoryId) {
        if (!holds(sink, directoryId)) {
            throw new LeaseLostException(sink, directoryId, owner(), null);
        }
    }

    /** Forgets a lease this instance found lost (the advance was refused). */
    public void lost(String sink, String directoryId) {
        deadlines.remove(key(sink, directoryId));
    }

    public Duration lease() {
        return props.lease();
    }

    /**
     * On a clean stop, once no stream applies a change any more and before the datasource closes
     * ({@link SinkShutdown}): gives every lease back, so the next start (or another instance) goes on at once
     * instead of waiting for the lease to run out.
     */
    public void releaseAll() {
        for (String k : deadlines.keySet()) {
            String[] parts = k.split("\u0000", 2);
            try {
                if (feed.release(parts[0], parts[1], owner())) {
                    LOG.info("sink {} directory {}: lease released by {}", parts[0], parts[1], owner());
                }
            } catch (RuntimeException e) {
                LOG.warn("sink {} directory {}: lease not released ({}); it expires in {}", parts[0], parts[1],
                        e.toString(), props.lease());
            }
        }
        deadlines.clear();
    }

    private static String key(String sink, String directoryId) {
        return sink + "\u0000" + directoryId;
    }
}
