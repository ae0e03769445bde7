package org.scimbridge.feed;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of feed retention and of the audit view, in one place: it reads the positions the sinks keep
 * ({@code sink_position.last_seq}, the last seq of a directory a sink applied) and the feed ({@code scim_change}),
 * and deletes from the feed only below what {@link FeedRetention} computed as safe. Every statement is
 * parameterized; the audit query adds fixed fragments for the filters given.
 */
@Repository
public class FeedRetentionStore {

    private final JdbcTemplate jdbc;

    public FeedRetentionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The last applied seq of the directory per sink that has a position in it. */
    public Map<String, Long> positions(String directoryId) {
        Map<String, Long> positions = new TreeMap<>();
        jdbc.query("SELECT sink, last_seq FROM sink_position WHERE directory_id = ?",
                rs -> {
                    positions.put(rs.getString(1), rs.getLong(2));
                }, directoryId);
        return positions;
    }

    /** The directory's newest seq in the feed (0 when it has none). */
    public long head(String directoryId) {
        Long head = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM scim_change WHERE directory_id = ?",
                Long.class, directoryId);
        return head == null ? 0 : head;
    }

    /**
     * Deletes up to {@code limit} changes of the directory with seq &lt;= {@code upTo} created before {@code cutoff}
     * that nothing can ask for again:
     * <ul>
     *   <li>not a change of a resource with a parked change in any sink (a replay reads the parked change and the
     *       change before it);</li>
     *   <li>a DELETE, or a change with a later change of the same resource also &lt;= {@code upTo}: the newest
     *       applied change of a live resource stays, because the next change of it reads it as its
     *       {@code previous} ({@code include-previous} sinks).</li>
     * </ul>
     *
     * @return the number of changes deleted
     */
    public int trim(String directoryId, long upTo, Instant cutoff, int limit) {
        return jdbc.update("DELETE FROM scim_change WHERE directory_id = ? AND seq IN ("
                        + "SELECT c.seq FROM scim_change c WHERE c.directory_id = ? AND c.seq <= ? AND c.created < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM sink_parked_change p"
                        + " WHERE p.directory_id = c.directory_id AND p.resource_id = c.resource_id)"
                        + " AND (c.operation = 'DELETE' OR EXISTS (SELECT 1 FROM scim_change n"
                        + " WHERE n.directory_id = c.directory_id AND n.resource_id = c.resource_id"
                        + " AND n.seq > c.seq AND n.seq <= ?))"
                        + " ORDER BY c.seq LIMIT ?)",
                directoryId, directoryId, upTo, Timestamp.from(cutoff), upTo, limit);
    }

    public long count(String directoryId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM scim_change WHERE directory_id = ?", Long.class,
                directoryId);
        return n == null ? 0 : n;
    }

    /** One change as the audit view lists it (the payload is left out: it holds the resource's data). */
    public record AuditedChange(long seq, String resourceType, String resourceId, String operation, long version,
                                String created) {
    }

    /** A page of the audit view and the number of changes that match. */
    public record AuditPage(long totalResults, List<AuditedChange> changes) {
    }

    /** The directory's changes in seq order, filtered by whichever of the criteria are not null. */
    public AuditPage audit(String directoryId, String resourceId, String operation, Instant since, int offset,
                           int count) {
        StringBuilder where = new StringBuilder(" FROM scim_change WHERE directory_id = ?");
        List<Object> args = new ArrayList<>(List.of(directoryId));
        if (resourceId != null) {
            where.append(" AND resource_id = ?");
            args.add(resourceId);
        }
        if (operation != null) {
            where.append(" AND operation = ?");
            args.add(operation);
        }
        if (since != null) {
            where.append(" AND created >= ?");
            args.add(Timestamp.from(since));
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*)" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(count);
        pageArgs.add(offset);
        List<AuditedChange> page = count == 0 ? List.of() : jdbc.query(
                "SELECT seq, resource_type, resource_id, operation, version, created" + where
                        + " ORDER BY seq LIMIT ? OFFSET ?",
                (rs, i) -> new AuditedChange(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getLong(5), rs.getTimestamp(6).toInstant().atOffset(ZoneOffset.UTC).toString()),
                pageArgs.toArray());
        return new AuditPage(total == null ? 0 : total, page);
    }
}
