package org.scimbridge.sink;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.scimbridge.store.FeedSequencer;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Every read of the change feed ({@code scim_change}, {@code scim_feed_head}) and every read and write of the
 * sinks' positions, leases and parked changes: the one class that knows those tables. Every statement is
 * parameterized; everything runs on H2 (PostgreSQL mode) and PostgreSQL.
 *
 * <p><b>The contract the stream relies on</b>, whatever writes the feed: {@link #next} returns the changes of a
 * directory with seq &gt; position, in seq order; seq is gapless per directory and in commit order per resource
 * (a change of a resource with seq N+1 is never visible before that resource's change with seq N, and a change
 * that refers to another resource, a group's new member, comes after that resource's create). So a position is
 * one number per (sink, directory), and a stream that has applied N knows N+1 is next.
 *
 * <p>How seqs are assigned: a write appends to {@code scim_change_inbox} in its own transaction, with no shared
 * row (so writes of one directory do not wait for each other's commit), and {@link FeedSequencer} moves committed
 * inbox rows into {@code scim_change} with the next seqs, one sequencer per directory at a time. {@link #next}
 * numbers what has committed before it reads, so a sink never waits for the sequencer's own period, and it reads
 * only numbered rows.
 */
@Repository
public class SinkFeedStore {

    private final JdbcTemplate jdbc;
    private final FeedSequencer sequencer;
    private final java.util.function.UnaryOperator<String> stream;

    public SinkFeedStore(JdbcTemplate jdbc, FeedSequencer sequencer) {
        this(jdbc, sequencer, java.util.function.UnaryOperator.identity());
    }

    @org.springframework.beans.factory.annotation.Autowired
    public SinkFeedStore(JdbcTemplate jdbc, FeedSequencer sequencer, SinkShadow shadow) {
        this(jdbc, sequencer, shadow::stream);
    }

    /**
     * {@code stream}: the name each sink's position, lease and parked changes are kept under (a sink in shadow
     * keeps its own, {@link SinkShadow}); every method below takes the sink's name and translates it.
     */
    SinkFeedStore(JdbcTemplate jdbc, FeedSequencer sequencer, java.util.function.UnaryOperator<String> stream) {
        this.jdbc = jdbc;
        this.sequencer = sequencer;
        this.stream = stream;
    }

    /** The last seq of the directory this sink has applied (0 before the first change). */
    public long position(String sink, String directoryId) {
        return streamPosition(stream.apply(sink), directoryId);
    }

    /** The position under the stream's own name (a sink's, or {@code <sink>.shadow}). */
    private long streamPosition(String sink, String directoryId) {
        List<Long> rows = jdbc.queryForList(
                "SELECT last_seq FROM sink_position WHERE sink = ? AND directory_id = ?",
                Long.class, sink, directoryId);
        if (!rows.isEmpty()) {
            return rows.get(0);
        }
        // a shadow stream starts where the real one is: what it records is what the sink would write next
        long start = sink.endsWith(SinkShadow.SUFFIX)
                ? streamPosition(sink.substring(0, sink.length() - SinkShadow.SUFFIX.length()), directoryId) : 0;
        try {
            jdbc.update("INSERT INTO sink_position (sink, directory_id, last_seq, updated) VALUES (?, ?, ?, ?)",
                    sink, directoryId, start, now());
        } catch (DuplicateKeyException raced) {
            return streamPosition(sink, directoryId);
        }
        return start;
    }

    /**
     * The seq the directory's newest committed change has or will get (0 when it has none): the numbered ones plus
     * those still in the inbox, which the sequencer numbers next, in one statement so both are counted once.
     */
    public long head(String directoryId) {
        Long head = jdbc.queryForObject("SELECT (SELECT COALESCE(MAX(seq), 0) FROM scim_change WHERE directory_id = ?)"
                        + " + (SELECT COUNT(*) FROM scim_change_inbox WHERE directory_id = ?)",
                Long.class, directoryId, directoryId);
        return head == null ? 0 : head;
    }

    /** Changes of every directory this sink has a position in that it has not applied yet (numbered or not). */
    public long lag(String sink) {
        sink = stream.apply(sink);
        Long n = jdbc.queryForObject("SELECT COALESCE(SUM(h.last_seq - p.last_seq"
                + " + (SELECT COUNT(*) FROM scim_change_inbox i WHERE i.directory_id = p.directory_id)), 0)"
                + " FROM sink_position p JOIN scim_feed_head h ON h.directory_id = p.directory_id WHERE p.sink = ?",
                Long.class, sink);
        return n == null ? 0 : n;
    }

    /** Up to {@code limit} changes after the sink's position, in seq order. */
    public List<FeedChange> next(String sink, String directoryId, int limit) {
        sequencer.sequence(directoryId);
        long after = position(sink, directoryId);
        return jdbc.query(
                "SELECT directory_id, seq, resource_type, resource_id, operation, version, payload FROM scim_change"
                        + " WHERE directory_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                SinkFeedStore::change, directoryId, after, limit);
    }

    /**
     * The resource as the last change of it before {@code seq} left it (the {@code resource} of that change's
     * payload), or empty for the first change of a resource.
     */
    public Optional<String> previousPayload(String directoryId, String resourceId, long seq) {
        return jdbc.query("SELECT payload FROM scim_change WHERE directory_id = ? AND resource_id = ? AND seq < ?"
                        + " ORDER BY seq DESC LIMIT 1",
                (rs, i) -> rs.getString(1), directoryId, resourceId, seq).stream().findFirst();
    }

    public Optional<FeedChange> change(String directoryId, long seq) {
        return jdbc.query(
                "SELECT directory_id, seq, resource_type, resource_id, operation, version, payload FROM scim_change"
                        + " WHERE directory_id = ? AND seq = ?",
                SinkFeedStore::change, directoryId, seq).stream().findFirst();
    }

    /**
     * Moves the position from {@code seq - 1} to {@code seq}, only while {@code owner} holds the lease of the
     * (sink, directory) stream. Fails if the position is elsewhere, so a change is never counted twice nor
     * skipped, and throws {@link LeaseLostException} if another instance took the stream over (or the lease ran
     * out): the caller must stop, the new holder goes on from the position.
     */
    public void advance(String sink, String directoryId, long seq, String owner) {
        advance(sink, directoryId, seq - 1, seq, owner);
    }

    /** {@link #advance(String, String, long, String)} past several changes at once: from {@code from} to {@code to}. */
    public void advance(String sink, String directoryId, long from, long to, String owner) {
        sink = stream.apply(sink);
        long seq = to;
        int n = jdbc.update("UPDATE sink_position SET last_seq = ?, updated = ?"
                        + " WHERE sink = ? AND directory_id = ? AND last_seq = ?"
                        + " AND lease_owner = ? AND lease_until > CURRENT_TIMESTAMP",
                to, now(), sink, directoryId, from, owner);
        if (n != 1) {
            Optional<Lease> lease = lease(sink, directoryId);
            if (lease.isEmpty() || !owner.equals(lease.get().owner()) || !lease.get().activeAt(dbNow())) {
                throw new LeaseLostException(sink, directoryId, owner, lease.map(Lease::owner).orElse(null));
            }
            throw new IllegalStateException("sink " + sink + " position of " + directoryId + " is not at " + from
                    + " (now " + position(sink, directoryId) + "); refusing to move it to " + seq);
        }
    }

    /** Who holds the lease of a (sink, directory) stream, and until when (database time). */
    public record Lease(String owner, Instant until) {
        public boolean activeAt(Instant now) {
            return owner != null && until != null && until.isAfter(now);
        }
    }

    public Optional<Lease> lease(String sink, String directoryId) {
        sink = stream.apply(sink);
        return jdbc.query("SELECT lease_owner, lease_until FROM sink_position WHERE sink = ? AND directory_id = ?",
                (rs, i) -> {
                    Timestamp until = rs.getTimestamp(2);
                    return new Lease(rs.getString(1), until == null ? null : until.toInstant());
                }, sink, directoryId).stream().findFirst();
    }

    /**
     * Takes the lease of the (sink, directory) stream for {@code owner} until database time + {@code ttl}, if it
     * is free, expired, or already {@code owner}'s (a renewal). One UPDATE: on PostgreSQL two instances racing for
     * an expired lease queue on the row lock, and the second re-reads the row and finds it taken.
     *
     * @return the new expiry, or empty when another instance holds an unexpired lease
     */
    public Optional<Instant> claim(String sink, String directoryId, String owner, Duration ttl) {
        sink = stream.apply(sink);
        position(sink, directoryId);
        Instant now = dbNow();
        Instant until = now.plus(ttl);
        int n = jdbc.update("UPDATE sink_position SET lease_owner = ?, lease_until = ?"
                        + " WHERE sink = ? AND directory_id = ?"
                        + " AND (lease_owner IS NULL OR lease_owner = ? OR lease_until IS NULL OR lease_until <= ?)",
                owner, Timestamp.from(until), sink, directoryId, owner, Timestamp.from(now));
        return n == 1 ? Optional.of(until) : Optional.empty();
    }

    /** Gives the lease up (on shutdown), so that another instance goes on at once instead of at expiry. */
    public boolean release(String sink, String directoryId, String owner) {
        sink = stream.apply(sink);
        return 1 == jdbc.update("UPDATE sink_position SET lease_owner = NULL, lease_until = NULL"
                + " WHERE sink = ? AND directory_id = ? AND lease_owner = ?", sink, directoryId, owner);
    }

    /** The database's clock: every instance measures leases by it, so their own clocks may differ. */
    public Instant dbNow() {
        Timestamp ts = jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", Timestamp.class);
        return ts == null ? Instant.now() : ts.toInstant();
    }

    /** The seq of the earliest parked change of this resource before {@code seq}, if there is one. */
    public Optional<Long> parkedBefore(String sink, String directoryId, String resourceId, long seq) {
        sink = stream.apply(sink);
        Long first = jdbc.queryForObject("SELECT MIN(seq) FROM sink_parked_change"
                        + " WHERE sink = ? AND directory_id = ? AND resource_id = ? AND seq < ?",
                Long.class, sink, directoryId, resourceId, seq);
        return Optional.ofNullable(first);
    }

    /** The earliest parked seq of every resource of the directory that has a parked change of this sink. */
    public java.util.Map<String, Long> firstParkedByResource(String sink, String directoryId) {
        sink = stream.apply(sink);
        java.util.Map<String, Long> first = new java.util.HashMap<>();
        jdbc.query("SELECT resource_id, MIN(seq) FROM sink_parked_change WHERE sink = ? AND directory_id = ?"
                + " GROUP BY resource_id", rs -> {
                    first.put(rs.getString(1), rs.getLong(2));
                }, sink, directoryId);
        return first;
    }

    /** Records (or, on a failed replay, updates) a parked change. */
    public void park(String sink, FeedChange c, int attempts, String error, Long blockedBy) {
        sink = stream.apply(sink);
        Timestamp now = now();
        int updated = jdbc.update("UPDATE sink_parked_change SET attempts = attempts + ?, error = ?, blocked_by = ?,"
                        + " last_attempt_at = ? WHERE sink = ? AND directory_id = ? AND seq = ?",
                attempts, error, blockedBy, now, sink, c.directoryId(), c.seq());
        if (updated == 0) {
            jdbc.update("INSERT INTO sink_parked_change (sink, directory_id, seq, resource_type, resource_id, operation,"
                            + " attempts, error, blocked_by, parked_at, last_attempt_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    sink, c.directoryId(), c.seq(), c.resourceType(), c.resourceId(), c.operation(), attempts, error,
                    blockedBy, now, now);
        }
    }

    public boolean isParked(String sink, String directoryId, long seq) {
        sink = stream.apply(sink);
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM sink_parked_change"
                + " WHERE sink = ? AND directory_id = ? AND seq = ?", Integer.class, sink, directoryId, seq);
        return n != null && n > 0;
    }

    public void unpark(String sink, String directoryId, long seq) {
        sink = stream.apply(sink);
        jdbc.update("DELETE FROM sink_parked_change WHERE sink = ? AND directory_id = ? AND seq = ?",
                sink, directoryId, seq);
    }

    public List<ParkedChange> parked(String sink) {
        sink = stream.apply(sink);
        return jdbc.query("SELECT sink, directory_id, seq, resource_type, resource_id, operation, attempts, error,"
                        + " blocked_by, parked_at, last_attempt_at FROM sink_parked_change WHERE sink = ?"
                        + " ORDER BY directory_id, seq",
                (rs, i) -> new ParkedChange(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8),
                        (Long) rs.getObject(9, Long.class), odt(rs, 10), odt(rs, 11)),
                sink);
    }

    /** How many changes of the directory with {@code after < seq <= upTo} this sink has parked. */
    public long parkedBetween(String sink, String directoryId, long after, long upTo) {
        sink = stream.apply(sink);
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM sink_parked_change"
                + " WHERE sink = ? AND directory_id = ? AND seq > ? AND seq <= ?", Long.class, sink, directoryId,
                after, upTo);
        return n == null ? 0 : n;
    }

    public long parkedCount(String sink) {
        sink = stream.apply(sink);
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM sink_parked_change WHERE sink = ?", Long.class, sink);
        return n == null ? 0 : n;
    }

    private static FeedChange change(ResultSet rs, int i) throws SQLException {
        return new FeedChange(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getString(7));
    }

    private static OffsetDateTime odt(ResultSet rs, int col) throws SQLException {
        Timestamp ts = rs.getTimestamp(col);
        return ts == null ? null : ts.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static Timestamp now() {
        return Timestamp.from(Instant.now());
    }
}
