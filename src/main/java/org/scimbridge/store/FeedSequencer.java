package org.scimbridge.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.scimbridge.config.BridgeProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Numbers the change feed: moves committed rows of {@code scim_change_inbox} into {@code scim_change}, in
 * {@code feed_id} order, each with the directory's next seq (V11 says why that order is commit order per
 * resource). One sequencer runs per directory at a time, across every instance on the database: it holds the
 * directory's {@code scim_feed_head} row lock for its own short transaction, never a writer's. The writers only
 * insert into the inbox, so their commits no longer queue behind each other.
 *
 * <p>A sink stream calls {@link #sequence} before it reads, so a change is numbered at the latest when a sink
 * looks for it; a thread of its own also numbers every configured directory each
 * {@code scim-bridge.feed.sequence-period-ms} (200), so that directories without a sink are numbered too. Both
 * move whatever committed since the last time in one transaction, so under load one sequencer commit carries
 * many changes. A change in the inbox survives a crash like any committed row and is numbered after the
 * restart.
 */
@Component
public class FeedSequencer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(FeedSequencer.class);

    /** Rows moved per sequencer transaction. */
    static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final BridgeProperties properties;
    private final long periodMs;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private volatile Thread thread;
    private volatile boolean running;
    private long lastFailureLog;

    public FeedSequencer(JdbcTemplate jdbc, TransactionTemplate tx, BridgeProperties properties,
            @Value("${scim-bridge.feed.sequence-period-ms:200}") long periodMs) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.properties = properties;
        this.periodMs = Math.max(10, periodMs);
    }

    /** Creates the head row of a directory, once, outside any SCIM transaction. */
    public void ensureHead(String directoryId) {
        Integer exists = jdbc.queryForObject("SELECT COUNT(*) FROM scim_feed_head WHERE directory_id = ?",
                Integer.class, directoryId);
        if (exists != null && exists == 0) {
            try {
                jdbc.update("INSERT INTO scim_feed_head (directory_id, last_seq) VALUES (?, 0)", directoryId);
            } catch (DuplicateKeyException raced) {
                // another instance created it first
            }
        }
    }

    /**
     * Numbers every change of the directory committed so far.
     *
     * @return how many changes it numbered (0 when another sequencer got them first)
     */
    public int sequence(String directoryId) {
        int total = 0;
        while (hasInbox(directoryId)) {
            Integer moved = tx.execute(s -> step(directoryId));
            int n = moved == null ? 0 : moved;
            total += n;
            if (n < BATCH) {
                break;
            }
        }
        return total;
    }

    /** Changes of the directory written but not numbered yet. */
    public long unnumbered(String directoryId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM scim_change_inbox WHERE directory_id = ?", Long.class,
                directoryId);
        return n == null ? 0 : n;
    }

    private boolean hasInbox(String directoryId) {
        return !jdbc.queryForList("SELECT feed_id FROM scim_change_inbox WHERE directory_id = ? LIMIT 1",
                Long.class, directoryId).isEmpty();
    }

    private int step(String directoryId) {
        List<Long> head = jdbc.queryForList(
                "SELECT last_seq FROM scim_feed_head WHERE directory_id = ? FOR UPDATE", Long.class, directoryId);
        if (head.isEmpty()) {
            ensureHead(directoryId);
            head = jdbc.queryForList("SELECT last_seq FROM scim_feed_head WHERE directory_id = ? FOR UPDATE",
                    Long.class, directoryId);
        }
        long last = head.get(0);
        // read after the lock: a sequencer that held it before us has committed, and its rows are gone
        List<InboxRow> rows = jdbc.query("SELECT feed_id, resource_type, resource_id, operation, version, payload,"
                        + " created FROM scim_change_inbox WHERE directory_id = ? ORDER BY feed_id LIMIT ?",
                (rs, i) -> new InboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getString(6), rs.getTimestamp(7)),
                directoryId, BATCH);
        if (rows.isEmpty()) {
            return 0;
        }
        jdbc.batchUpdate("INSERT INTO scim_change (directory_id, seq, resource_type, resource_id, operation, version,"
                + " payload, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement ps, int i) throws SQLException {
                        InboxRow row = rows.get(i);
                        ps.setString(1, directoryId);
                        ps.setLong(2, last + 1 + i);
                        ps.setString(3, row.resourceType());
                        ps.setString(4, row.resourceId());
                        ps.setString(5, row.operation());
                        ps.setLong(6, row.version());
                        ps.setString(7, row.payload());
                        ps.setTimestamp(8, row.created());
                    }

                    @Override
                    public int getBatchSize() {
                        return rows.size();
                    }
                });
        jdbc.batchUpdate("DELETE FROM scim_change_inbox WHERE directory_id = ? AND feed_id = ?", rows, BATCH,
                (ps, row) -> {
                    ps.setString(1, directoryId);
                    ps.setLong(2, row.feedId());
                });
        jdbc.update("UPDATE scim_feed_head SET last_seq = ? WHERE directory_id = ?", last + rows.size(),
                directoryId);
        return rows.size();
    }

    private record InboxRow(long feedId, String resourceType, String resourceId, String operation, long version,
            String payload, Timestamp created) {
    }

    private void run() {
        while (running) {
            for (String directory : properties.directories().keySet()) {
                try {
                    sequence(directory);
                } catch (RuntimeException e) {
                    logFailure(e);
                }
            }
            lock.lock();
            try {
                if (running) {
                    wake.await(periodMs, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    /** The store is down: one line a minute, and the next round tries again (nothing is lost meanwhile). */
    private void logFailure(RuntimeException e) {
        long now = System.currentTimeMillis();
        if (now - lastFailureLog > 60_000) {
            lastFailureLog = now;
            LOG.warn("numbering the change feed failed, will retry: {}", e.getClass().getSimpleName());
        }
        LOG.debug("feed sequencer failure", e);
    }

    @Override
    public void start() {
        properties.directories().keySet().forEach(this::ensureHead);
        running = true;
        Thread t = new Thread(this::run, "feed-sequencer");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        running = false;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        Thread t = thread;
        if (t != null) {
            // no interrupt: an interrupted H2 file write closes the store
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the sink streams and the web server, stops after them. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
