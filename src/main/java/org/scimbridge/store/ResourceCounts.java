package org.scimbridge.store;

import java.util.concurrent.ThreadLocalRandom;
import org.scimbridge.scim.schema.ResourceKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * How many resources of a kind a directory holds, kept in {@code scim_resource_count} by the writer's create
 * and delete, in their transactions, so an unfiltered list reads 16 rows instead of counting the directory.
 * Each change lands on a random one of {@link #STRIPES} rows: no single row serializes a directory's writers.
 */
@Component
public class ResourceCounts {

    public static final int STRIPES = 16;

    private final JdbcTemplate jdbc;

    public ResourceCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Called last in the writer's transaction, so the stripe's row lock is the last lock it takes. */
    void add(String directoryId, ResourceKind kind, int delta) {
        int stripe = ThreadLocalRandom.current().nextInt(STRIPES);
        if (update(directoryId, kind, stripe, delta) == 0) {
            jdbc.update("INSERT INTO scim_resource_count (directory_id, resource_type, stripe, resources)"
                    + " VALUES (?, ?, ?, 0) ON CONFLICT DO NOTHING", directoryId, kind.resourceType(), stripe);
            update(directoryId, kind, stripe, delta);
        }
    }

    public long total(String directoryId, ResourceKind kind) {
        Long total = jdbc.queryForObject("SELECT COALESCE(SUM(resources), 0) FROM scim_resource_count"
                + " WHERE directory_id = ? AND resource_type = ?", Long.class, directoryId, kind.resourceType());
        return total == null ? 0 : total;
    }

    private int update(String directoryId, ResourceKind kind, int stripe, int delta) {
        return jdbc.update("UPDATE scim_resource_count SET resources = resources + ? WHERE directory_id = ?"
                + " AND resource_type = ? AND stripe = ?", delta, directoryId, kind.resourceType(), stripe);
    }
}
