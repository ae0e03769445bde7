package org.scimbridge.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.ServiceStatus;
import org.apache.camel.component.direct.DirectConsumerNotAvailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The feed stream, written once for every sink: for each (sink, directory) it holds the lease, reads the next
 * changes after the position, hands each one to the sink's route ({@code direct:<route>}, body a
 * {@link SinkChange}), and moves the position past the changes the route confirmed, once for several of them
 * ({@link Applied}). A failed attempt is classified by the
 * sink's {@link SinkType}: an unreachable target is retried with back-off and never parked (after
 * {@code transient-retries} the poll ends, and the next one starts over at the same position); a refused change
 * is retried up to {@code refusals-before-park} times, then parked with its error, and the stream goes on (a
 * change whose data the target rejects for good, a schema violation, is parked at the first attempt). A
 * later change of a resource with a parked change is parked behind it at once, so a resource's changes never
 * apply out of order. A parked change is applied again by {@link #replay}.
 *
 * <p>The {@code sink-stream} route template ({@code routes/sink-stream.camel.yaml}) calls {@link #poll} on a
 * timer, one route per sink, so a sink that is down never holds up another. Everything here works on one change
 * at a time per stream; applying several resources of one stream at once can come later behind the same
 * {@link #poll}, since positions, parking and the per-resource order are all kept here.
 */
@Component("sinkStreams")
public class SinkStreams {

    private static final Logger LOG = LoggerFactory.getLogger(SinkStreams.class);

    private final SinkCatalog catalog;
    private final SinkFeedStore feed;
    private final SinkLeases leases;
    private final StreamProperties props;
    private final SinkMetrics metrics;
    private final TransactionTemplate tx;
    private final ProducerTemplate producer;
    private final CamelContext camel;
    private final ObjectMapper json;
    private final ObjectProvider<StreamCheck> checks;
    private final MassChangeGuard guard;
    private final SinkShadow shadow;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Object wakeUp = new Object();
    private volatile boolean stopping;

    public SinkStreams(SinkCatalog catalog, SinkFeedStore feed, SinkLeases leases, StreamProperties props,
                       SinkMetrics metrics, TransactionTemplate tx, ProducerTemplate producer, CamelContext camel,
                       ObjectMapper json, ObjectProvider<StreamCheck> checks, MassChangeGuard guard,
                       SinkShadow shadow) {
        this.guard = guard;
        this.shadow = shadow;
        this.catalog = catalog;
        this.feed = feed;
        this.leases = leases;
        this.props = props;
        this.metrics = metrics;
        this.tx = tx;
        this.producer = producer;
        this.camel = camel;
        this.json = json;
        this.checks = checks; // a provider: a check may repair through this class, so it cannot be a plain bean
    }

    /** What became of one change. */
    enum Outcome { APPLIED, PARKED, UNREACHABLE, LEFT }

    /** One poll of one sink: the next batch of every directory it is fed by whose stream this instance holds. */
    public void poll(String sink) {
        for (String directory : catalog.directoriesOf(sink)) {
            if (halted(sink)) {
                return;
            }
            try {
                if (!leases.hold(sink, directory)) {
                    continue;
                }
            } catch (RuntimeException storeDown) {
                pollFailed(sink, storeDown);
                return;
            }
            ReentrantLock lock = lock(sink, directory);
            if (!lock.tryLock()) {
                continue; // a reconcile or a replay has the stream now
            }
            try {
                if (!checked(sink, directory)) {
                    continue;
                }
                if (pollDirectory(sink, directory) == Outcome.UNREACHABLE) {
                    return; // the target is down: the other directories would only fail the same way
                }
            } catch (RuntimeException e) {
                // the store of record is unreachable, or the position is not where this stream left it: one line,
                // and the next poll starts over from the position
                pollFailed(sink, e);
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Whether every {@link StreamCheck} lets the stream deliver now. */
    private boolean checked(String sink, String directory) {
        for (StreamCheck check : checks) {
            if (!check.ready(sink, directory)) {
                return false;
            }
        }
        return true;
    }

    private Outcome pollDirectory(String sink, String directory) {
        // a sink in shadow writes nothing, so there is nothing to hold; the guard counts from the real position
        // once shadow is off
        if (!shadow.on(sink) && guard.holds(sink, directory, feed.position(sink, directory))) {
            return Outcome.LEFT; // too many deletes and disables queued: an operator releases or discards them
        }
        Applied applied = new Applied(sink, directory);
        Outcome outcome = Outcome.APPLIED;
        for (FeedChange row : feed.next(sink, directory, props.batchSize())) {
            if (halted(sink) || lock(sink, directory).hasQueuedThreads() || !leases.hold(sink, directory)) {
                outcome = Outcome.LEFT;
                break;
            }
            outcome = deliver(sink, row, applied);
            if (outcome == Outcome.UNREACHABLE || outcome == Outcome.LEFT) {
                break;
            }
            if (applied.due() && !applied.record()) {
                return Outcome.LEFT;
            }
        }
        return applied.record() ? outcome : Outcome.LEFT;
    }

    /**
     * Changes the target confirmed whose position is not recorded yet: the position moves once for several of them
     * (one transaction instead of one per change), at the latest {@link #RECORD_EVERY_MS} after the first, before a
     * park, and at the end of the poll. Never past an unconfirmed change: only confirmed ones are added, in order.
     * Should the instance die before, the next holder applies them again, which is harmless (every plan is a diff
     * against what the target holds).
     */
    private final class Applied {
        private final String sink;
        private final String directory;
        private long from = -1;
        private long to = -1;
        private long since;

        /** The first parked seq of each resource with a parked change, read once per poll instead of per change. */
        private Map<String, Long> parked;

        Applied(String sink, String directory) {
            this.sink = sink;
            this.directory = directory;
        }

        Optional<Long> parkedBefore(FeedChange row) {
            if (parked == null) {
                parked = new java.util.HashMap<>(feed.firstParkedByResource(sink, directory));
            }
            Long first = parked.get(row.resourceId());
            return first != null && first < row.seq() ? Optional.of(first) : Optional.empty();
        }

        /** The stream parked {@code row}: later changes of its resource in this poll park behind it. */
        void parked(FeedChange row) {
            if (parked != null) {
                parked.merge(row.resourceId(), row.seq(), Math::min);
            }
        }

        void add(long seq) {
            if (from < 0) {
                from = seq;
                since = System.nanoTime();
            }
            to = seq;
        }

        boolean due() {
            return from >= 0 && System.nanoTime() - since > TimeUnit.MILLISECONDS.toNanos(RECORD_EVERY_MS);
        }

        /** Moves the position past the confirmed changes; false if the lease is gone (they are left to its holder). */
        boolean record() {
            if (from < 0) {
                return true;
            }
            long first = from;
            long last = to;
            from = -1;
            to = -1;
            try {
                tx.executeWithoutResult(s -> feed.advance(sink, directory, first - 1, last, leases.owner()));
                return true;
            } catch (LeaseLostException lost) {
                leases.lost(sink, directory);
                LOG.warn("{} {}#{}..{} left to the instance that holds the stream now: {}", sink, directory, first,
                        last, lost.getMessage());
                return false;
            }
        }
    }

    /** How long confirmed changes wait at most for their position to be recorded. */
    static final long RECORD_EVERY_MS = 200;

    private Outcome deliver(String sink, FeedChange row, Applied applied) {
        Optional<Long> blocker = applied.parkedBefore(row);
        if (blocker.isPresent()) {
            String why = "waits for parked change " + row.directoryId() + "#" + blocker.get() + " of the same resource";
            if (!applied.record() || !record(sink, row, () -> feed.park(sink, row, 0, why, blocker.get()))) {
                return Outcome.LEFT;
            }
            applied.parked(row);
            metrics.parked(sink);
            LOG.warn("{} {} parked: {}", sink, row, why);
            return Outcome.PARKED;
        }
        if (guard.discarded(sink, row.directoryId(), row.seq())) {
            String why = "discarded by an operator (mass-change guard); replay to apply it";
            if (!applied.record() || !record(sink, row, () -> feed.park(sink, row, 0, why, null))) {
                return Outcome.LEFT;
            }
            applied.parked(row);
            metrics.parked(sink);
            LOG.warn("{} {} parked: {}", sink, row, why);
            return Outcome.PARKED;
        }
        SinkChange change = change(sink, row, false);
        SinkType type = catalog.type(sink);
        int refusals = 0;
        int unreachable = 0;
        while (true) {
            if (!leases.hold(sink, row.directoryId())) {
                return Outcome.LEFT;
            }
            Throwable error = send(sink, change);
            if (error == null) {
                applied.add(row.seq());
                metrics.applied(sink);
                return Outcome.APPLIED;
            }
            if (error instanceof LeaseLostException lost) {
                leaseLost(sink, row, lost);
                return Outcome.LEFT;
            }
            if (classify(type, error) == SinkType.Failure.UNREACHABLE) {
                if (++unreachable > props.transientRetries()) {
                    metrics.unreachable(sink, type.describe(error));
                    pollFailed(sink, error);
                    return Outcome.UNREACHABLE;
                }
                LOG.debug("{}: target unreachable, retry {} of {}", change, unreachable, props.transientRetries(),
                        error);
                if (!pause(sink, props.backoffMs(unreachable))) {
                    return Outcome.LEFT;
                }
                continue;
            }
            String why = type.describe(error);
            boolean rejected = classify(type, error) == SinkType.Failure.REJECTED;
            if (++refusals >= props.refusalsBeforePark() || rejected) {
                int attempts = refusals;
                if (!applied.record() || !record(sink, row, () -> feed.park(sink, row, attempts, why, null))) {
                    return Outcome.LEFT;
                }
                applied.parked(row);
                metrics.parked(sink);
                LOG.warn("{} parked after {} attempts: {}", change, attempts, why);
                return Outcome.PARKED;
            }
            LOG.info("{} refused (attempt {} of {}), retrying: {}", change, refusals, props.refusalsBeforePark(),
                    why);
            if (!pause(sink, props.backoffMs(refusals))) {
                return Outcome.LEFT;
            }
        }
    }

    private SinkType.Failure classify(SinkType type, Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DirectConsumerNotAvailableException) {
                return SinkType.Failure.UNREACHABLE; // the route is being reloaded or was stopped: not the change's fault
            }
        }
        return type.classify(error);
    }

    /** Hands the change to the sink's route; the error it ended with, or null when the route confirmed it. */
    private Throwable send(String sink, SinkChange change) {
        try {
            Exchange done = producer.send("direct:" + catalog.applyRoute(sink), e -> e.getMessage().setBody(change));
            return done.getException();
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Moves the position past the change, with {@code also}, in one transaction; false if the lease is gone. */
    private boolean record(String sink, FeedChange row, Runnable also) {
        try {
            tx.executeWithoutResult(s -> {
                also.run();
                feed.advance(sink, row.directoryId(), row.seq(), leases.owner());
            });
            return true;
        } catch (LeaseLostException lost) {
            leaseLost(sink, row, lost);
            return false;
        }
    }

    private void leaseLost(String sink, FeedChange row, LeaseLostException lost) {
        leases.lost(sink, row.directoryId());
        LOG.warn("{} {} left to the instance that holds the stream now: {}", sink, row, lost.getMessage());
    }

    private void pollFailed(String sink, Throwable error) {
        String lag;
        try {
            lag = String.valueOf(feed.lag(sink));
        } catch (RuntimeException e) {
            lag = "unknown (" + e.getClass().getSimpleName() + ")";
        }
        String what = catalog.type(sink).describe(error);
        String root = Failures.describe(error);
        LOG.warn("sink {} poll failed, will retry: {}{} (lag {} changes)", sink, what,
                what.equals(root) ? "" : "; root cause " + root, lag);
        LOG.debug("sink {} poll failure", sink, error);
    }

    // ------------------------------------------------------------------------------------------------ replay

    /** What a replay of a parked change came to. */
    public record Replay(Status status, String detail) {
        public enum Status { APPLIED, PARKED, UNREACHABLE, BLOCKED, NOT_FOUND }
    }

    /**
     * Applies a parked change once, now: applied, its parked row goes; refused again, the row keeps the new
     * error. An earlier parked change of the same resource must be replayed first.
     */
    public Replay replay(String sink, String directory, long seq) {
        if (!catalog.exists(sink) || !feed.isParked(sink, directory, seq)) {
            return new Replay(Replay.Status.NOT_FOUND, "no parked change " + directory + "#" + seq + " of " + sink);
        }
        Optional<FeedChange> row = feed.change(directory, seq);
        if (row.isEmpty()) {
            return new Replay(Replay.Status.NOT_FOUND, "change " + directory + "#" + seq + " is not in the feed");
        }
        Optional<Long> earlier = feed.parkedBefore(sink, directory, row.get().resourceId(), seq);
        if (earlier.isPresent()) {
            return new Replay(Replay.Status.BLOCKED, "replay " + directory + "#" + earlier.get()
                    + " of the same resource first");
        }
        ReentrantLock lock = lock(sink, directory);
        lock.lock();
        try {
            SinkChange change = change(sink, row.get(), true);
            Throwable error = send(sink, change);
            if (error == null) {
                feed.unpark(sink, directory, seq);
                metrics.applied(sink);
                LOG.info("{} applied", change);
                return new Replay(Replay.Status.APPLIED, change.toString());
            }
            SinkType type = catalog.type(sink);
            String why = type.describe(error);
            if (classify(type, error) == SinkType.Failure.UNREACHABLE) {
                return new Replay(Replay.Status.UNREACHABLE, why);
            }
            feed.park(sink, row.get(), 1, why, null);
            LOG.warn("{} refused again: {}", change, why);
            return new Replay(Replay.Status.PARKED, why);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------- exclusive use

    /** Handed to work that holds a stream exclusively: {@link #check} before each write. */
    public interface StreamGuard {
        /** Renews the lease if needed; throws {@link LeaseLostException} if this instance lost it. */
        void check();
    }

    /**
     * Runs {@code work} while no stream of this (sink, directory) applies changes anywhere: this instance's
     * poller is kept out by the stream's lock, every other instance by the lease, which this instance takes (or
     * already holds). Throws {@link StreamBusyException} when another instance holds the lease.
     */
    public <T> T exclusively(String sink, String directory, Function<StreamGuard, T> work) {
        ReentrantLock lock = lock(sink, directory);
        try {
            if (!lock.tryLock(2 * props.leaseMs(), TimeUnit.MILLISECONDS)) {
                throw new StreamBusyException(sink + " " + directory + ": the stream did not pause in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StreamBusyException(sink + " " + directory + ": interrupted");
        }
        try {
            if (!leases.hold(sink, directory)) {
                String holder = feed.lease(sink, directory).map(SinkFeedStore.Lease::owner).orElse("another instance");
                throw new StreamBusyException("the stream of sink " + sink + ", directory " + directory
                        + " is held by " + holder + "; run it there, or once that instance stopped");
            }
            return work.apply(() -> {
                if (!leases.hold(sink, directory)) {
                    throw new LeaseLostException(sink, directory, leases.owner(), null);
                }
            });
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private SinkChange change(String sink, FeedChange row, boolean replay) {
        JsonNode payload = read(row.payload(), row);
        JsonNode previous = null;
        if (catalog.definition(sink).includePrevious()) {
            previous = feed.previousPayload(row.directoryId(), row.resourceId(), row.seq())
                    .map(p -> read(p, row).path("resource")).orElse(null);
        }
        return new SinkChange(sink, row.directoryId(), row.seq(), row.resourceType(), row.resourceId(),
                row.operation(), row.version(), payload.path("resource"), members(payload.path("membersAdded")),
                members(payload.path("membersRemoved")), previous, replay);
    }

    private JsonNode read(String text, FeedChange row) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable payload of " + row, e);
        }
    }

    private static List<SinkChange.Member> members(JsonNode array) {
        List<SinkChange.Member> out = new ArrayList<>();
        array.forEach(m -> {
            String id = m.path("value").asText("");
            if (!id.isEmpty()) {
                out.add(new SinkChange.Member(id, m.path("type").asText("User")));
            }
        });
        return out;
    }

    private ReentrantLock lock(String sink, String directory) {
        return locks.computeIfAbsent(sink + "\u0000" + directory, k -> new ReentrantLock());
    }

    /** Waits before a retry; false when the stream is stopping meanwhile (the change is left for later). */
    private boolean pause(String sink, long ms) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        synchronized (wakeUp) {
            while (!halted(sink)) {
                long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                if (left <= 0) {
                    return true;
                }
                try {
                    wakeUp.wait(Math.min(left, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    /** Whether this sink's stream should stop where it is: the bridge stops, or its route is being stopped. */
    private boolean halted(String sink) {
        if (stopping || camel.isStopping() || Thread.currentThread().isInterrupted()) {
            return true;
        }
        ServiceStatus status = camel.getRouteController().getRouteStatus(SinkCatalog.streamRouteId(sink));
        return status != null && (status.isStopping() || status.isStopped());
    }

    /** Stops every stream after the change in flight (no new change starts; a back-off ends at once). */
    void stop() {
        stopping = true;
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    /** Waits until no stream holds its lock (the change in flight is done), at most {@code ms}. */
    boolean awaitIdle(long ms) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        for (ReentrantLock lock : locks.values()) {
            try {
                long left = until - System.nanoTime();
                if (left <= 0 || !lock.tryLock(left, TimeUnit.NANOSECONDS)) {
                    return false;
                }
                lock.unlock();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
