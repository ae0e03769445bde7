package org.scimbridge.sink.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.scimbridge.sink.FeedChange;
import org.scimbridge.sink.LeaseLostException;
import org.scimbridge.sink.SinkFeedStore;
import org.scimbridge.sink.SinkLeases;
import org.scimbridge.sink.ldap.SinkMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Java steps of {@code routes/sink-jdbc.camel.yaml}: which changes come next (under the stream's lease), the
 * rows each change writes, and the position, parking and lease bookkeeping, through the same
 * {@link SinkFeedStore} as the LDAP sink. The route runs the SQL.
 */
@Component("jdbcSink")
public class JdbcSinkSteps {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinkSteps.class);

    /** Exchange property holding the {@link JdbcWork} in flight. */
    public static final String WORK = "scimBridgeJdbcWork";

    private final JdbcSinks sinks;
    private final SinkFeedStore feed;
    private final SinkLeases leases;
    private final JdbcSinkErrors errors;
    private final SinkMetrics metrics;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final int batchSize;
    private final int redeliveriesBeforePark;

    public JdbcSinkSteps(JdbcSinks sinks, SinkFeedStore feed, SinkLeases leases, JdbcSinkErrors errors,
                         SinkMetrics metrics, TransactionTemplate tx, ObjectMapper json,
                         @Value("${scim-bridge.jdbc-sink.batch-size:100}") int batchSize,
                         @Value("${scim-bridge.jdbc-sink.redeliveries-before-park:4}") int redeliveriesBeforePark) {
        this.sinks = sinks;
        this.feed = feed;
        this.leases = leases;
        this.errors = errors;
        this.metrics = metrics;
        this.tx = tx;
        this.json = json;
        this.batchSize = batchSize;
        this.redeliveriesBeforePark = redeliveriesBeforePark;
    }

    /** The next changes of every directory feeding this sink whose lease this instance holds, in seq order. */
    public List<JdbcWork> nextBatch(@Header("scimBridgeJdbcSink") String sink) {
        List<JdbcWork> batch = new ArrayList<>();
        for (String directory : sinks.directoriesOf(sink)) {
            if (!leases.hold(sink, directory)) {
                continue;
            }
            for (FeedChange c : feed.next(sink, directory, batchSize)) {
                batch.add(work(sink, c, false));
            }
        }
        return batch;
    }

    public JdbcWork work(String sink, FeedChange change, boolean replay) {
        try {
            return new JdbcWork(sink, change, json.readTree(change.payload()), replay);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable payload of " + change, e);
        }
    }

    /**
     * Starts a change: skips it when applied already or when another instance holds the stream, and parks it at
     * once behind an earlier parked change of the same resource (so a resource's changes never apply out of order).
     */
    public void begin(Exchange exchange) {
        JdbcWork w = exchange.getMessage().getBody(JdbcWork.class);
        exchange.setProperty(WORK, w);
        FeedChange c = w.getChange();
        if (!w.isReplay()) {
            if (!leases.hold(w.getSink(), c.directoryId())) {
                w.finish();
                return;
            }
            long position = feed.position(w.getSink(), c.directoryId());
            if (c.seq() <= position) {
                w.finish();
                return;
            }
            if (c.seq() != position + 1) {
                throw new IllegalStateException(w + " is not next after position " + position);
            }
        }
        Optional<Long> blocker = feed.parkedBefore(w.getSink(), c.directoryId(), c.resourceId(), c.seq());
        if (blocker.isPresent()) {
            String why = "waits for parked change " + c.directoryId() + "#" + blocker.get() + " of the same resource";
            record(w, () -> feed.park(w.getSink(), c, 0, why, blocker.get()));
            metrics.parked(w.getSink());
            LOG.warn("{} parked: {}", w, why);
            w.finish();
        }
    }

    /** Body of the {@code accounts} upsert. */
    public Map<String, Object> accountRow(Exchange exchange) {
        JdbcWork w = checked(exchange);
        return AccountRows.account(w.getChange().resourceId(), w.getPayload().path("resource"));
    }

    /** Body of the {@code account_groups} upsert. */
    public Map<String, Object> groupRow(Exchange exchange) {
        JdbcWork w = checked(exchange);
        return AccountRows.group(w.getChange().resourceId(), w.getPayload().path("resource"));
    }

    /** Body of the deletes: the resource's id as {@code scim_id}. */
    public Map<String, Object> keyRow(Exchange exchange) {
        return AccountRows.key(checked(exchange).getChange().resourceId());
    }

    public List<Map<String, Object>> membersAdded(Exchange exchange) {
        JdbcWork w = checked(exchange);
        return AccountRows.members(w.getChange().resourceId(), w.getPayload().path("membersAdded"));
    }

    public List<Map<String, Object>> membersRemoved(Exchange exchange) {
        JdbcWork w = checked(exchange);
        return AccountRows.members(w.getChange().resourceId(), w.getPayload().path("membersRemoved"));
    }

    /** The target committed every statement: move the position (or drop the parked row of a replay). */
    public void commit(Exchange exchange) {
        JdbcWork w = exchange.getProperty(WORK, JdbcWork.class);
        FeedChange c = w.getChange();
        if (w.isReplay()) {
            feed.unpark(w.getSink(), c.directoryId(), c.seq());
        } else if (!record(w, () -> { })) {
            return;
        }
        metrics.appliedChange(w.getSink());
        w.finish();
    }

    /** Called by the error policy once a permanent failure has used its redeliveries. */
    public void park(Exchange exchange) {
        JdbcWork w = exchange.getProperty(WORK, JdbcWork.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String why = error == null ? "unknown error" : errors.describe(error);
        if (w == null) {
            LOG.error("a change failed before it started: {}", why, error);
            return;
        }
        FeedChange c = w.getChange();
        int attempts = redeliveriesBeforePark + 1;
        if (record(w, () -> feed.park(w.getSink(), c, attempts, why, null))) {
            metrics.parked(w.getSink());
            LOG.warn("{} parked after {} attempts: {}", w, attempts, why);
        }
        w.finish();
    }

    /** Called by the error policy when another instance took the stream over. */
    public void leaseLost(Exchange exchange) {
        JdbcWork w = exchange.getProperty(WORK, JdbcWork.class);
        if (w != null) {
            leases.lost(w.getSink(), w.getChange().directoryId());
            LOG.warn("{} left to the instance that holds the stream now", w);
            w.finish();
        }
    }

    /** Runs {@code also} and moves the position (unless a replay) in one transaction; false if the lease is gone. */
    private boolean record(JdbcWork w, Runnable also) {
        FeedChange c = w.getChange();
        try {
            tx.executeWithoutResult(s -> {
                also.run();
                if (!w.isReplay()) {
                    feed.advance(w.getSink(), c.directoryId(), c.seq(), leases.owner());
                }
            });
            return true;
        } catch (LeaseLostException lost) {
            leases.lost(w.getSink(), c.directoryId());
            LOG.warn("{} left to the instance that holds the stream now: {}", w, lost.getMessage());
            w.finish();
            return false;
        }
    }

    /** The work in flight, after making sure this instance still holds its stream (before each write). */
    private JdbcWork checked(Exchange exchange) {
        JdbcWork w = exchange.getProperty(WORK, JdbcWork.class);
        if (!w.isReplay()) {
            leases.check(w.getSink(), w.getChange().directoryId());
        }
        return w;
    }
}
