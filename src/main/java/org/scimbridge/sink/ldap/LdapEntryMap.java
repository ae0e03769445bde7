package org.scimbridge.sink.ldap;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The LDAP sink's map from SCIM id to the DN it wrote ({@code sink_ldap_entry}), per target and directory. */
@Repository
public class LdapEntryMap {

    /** A mapped entry. {@code removed}: deleted by the {@code delete} disable strategy, back on re-enable. */
    public record Entry(String resourceId, String resourceType, String dn, boolean removed, Long posixId) {
    }

    /** What to write to the map once the target confirmed a change. */
    public sealed interface Update permits Put, Remove {
    }

    public record Put(String resourceId, String resourceType, String dn, boolean removed, Long posixId)
            implements Update {
    }

    public record Remove(String resourceId) implements Update {
    }

    private final JdbcTemplate jdbc;

    public LdapEntryMap(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Entry> find(String sink, String directoryId, String resourceId) {
        return jdbc.query("SELECT resource_id, resource_type, dn, removed, posix_id FROM sink_ldap_entry"
                        + " WHERE sink = ? AND directory_id = ? AND resource_id = ?",
                (rs, i) -> new Entry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        (Long) rs.getObject(5, Long.class)),
                sink, directoryId, resourceId).stream().findFirst();
    }

    /** {@link #find} of many ids, in requests of at most 500 ids (a big group's members). */
    public java.util.Map<String, Entry> findAll(String sink, String directoryId, java.util.Collection<String> ids) {
        java.util.Map<String, Entry> found = new java.util.HashMap<>();
        List<String> all = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(ids));
        for (int i = 0; i < all.size(); i += 500) {
            List<String> chunk = all.subList(i, Math.min(all.size(), i + 500));
            List<Object> args = new java.util.ArrayList<>(List.of(sink, directoryId));
            args.addAll(chunk);
            jdbc.query("SELECT resource_id, resource_type, dn, removed, posix_id FROM sink_ldap_entry"
                            + " WHERE sink = ? AND directory_id = ? AND resource_id IN ("
                            + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")",
                    rs -> {
                        found.put(rs.getString(1), new Entry(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getBoolean(4), (Long) rs.getObject(5, Long.class)));
                    }, args.toArray());
        }
        return found;
    }

    /** The next free gidNumber for a posixGroup of this target. */
    public long nextPosixId(String sink, long start) {
        Long max = jdbc.queryForObject("SELECT MAX(posix_id) FROM sink_ldap_entry WHERE sink = ?", Long.class, sink);
        return max == null ? start : Math.max(start, max + 1);
    }

    public void apply(String sink, String directoryId, Update update) {
        Timestamp now = Timestamp.from(Instant.now());
        if (update instanceof Remove r) {
            jdbc.update("DELETE FROM sink_ldap_entry WHERE sink = ? AND directory_id = ? AND resource_id = ?",
                    sink, directoryId, r.resourceId());
        } else if (update instanceof Put p) {
            int n = jdbc.update("UPDATE sink_ldap_entry SET dn = ?, removed = ?, posix_id = ?, updated = ?"
                            + " WHERE sink = ? AND directory_id = ? AND resource_id = ?",
                    p.dn(), p.removed(), p.posixId(), now, sink, directoryId, p.resourceId());
            if (n == 0) {
                jdbc.update("INSERT INTO sink_ldap_entry (sink, directory_id, resource_id, resource_type, dn, removed,"
                                + " posix_id, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        sink, directoryId, p.resourceId(), p.resourceType(), p.dn(), p.removed(), p.posixId(), now);
            }
        }
    }

    /** The DNs this target's DN map holds for the other directories that feed it (reconcile leaves them be). */
    public List<String> dnsOfOtherDirectories(String sink, String directoryId) {
        return jdbc.queryForList("SELECT dn FROM sink_ldap_entry WHERE sink = ? AND directory_id <> ?", String.class,
                sink, directoryId);
    }

    /** The SCIM ids this target's DN map holds for one directory. */
    public List<String> mappedIds(String sink, String directoryId) {
        return jdbc.queryForList("SELECT resource_id FROM sink_ldap_entry WHERE sink = ? AND directory_id = ?",
                String.class, sink, directoryId);
    }
}
