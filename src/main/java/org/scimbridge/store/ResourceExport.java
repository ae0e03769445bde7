package org.scimbridge.store;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every resource of one directory, read-only and page by page (keyset on resource type and id, so a large
 * directory is never one result set): for reconcile, which compares the whole store with a target. Groups come
 * with their members. Not the SCIM list path: no filter, no count, no rendering.
 */
@Component
public class ResourceExport {

    private final JdbcTemplate jdbc;
    private final MemberStore members;

    public ResourceExport(JdbcTemplate jdbc, MemberStore members) {
        this.jdbc = jdbc;
        this.members = members;
    }

    /** Calls {@code each} for every resource of the directory, groups with members, in (type, id) order. */
    public void forEach(String directoryId, int pageSize, Consumer<StoredResource> each) {
        String type = "";
        String id = "";
        while (true) {
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM scim_resource WHERE directory_id = ?"
                            + " AND (resource_type > ? OR (resource_type = ? AND id > ?))"
                            + " ORDER BY resource_type, id LIMIT ?",
                    directoryId, type, type, id, pageSize);
            for (Map<String, Object> row : rows) {
                StoredResource r = ResourceRows.fromRow(row);
                if (r.kind() == org.scimbridge.scim.schema.ResourceKind.GROUP) {
                    r = r.withMembers(members.list(directoryId, r.id(), false));
                }
                each.accept(r);
                type = r.kind().resourceType();
                id = r.id();
            }
            if (rows.size() < pageSize) {
                return;
            }
        }
    }
}
