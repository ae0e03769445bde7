package org.scimbridge.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scimbridge.ids.RandomIds;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.model.ScimJson;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.store.ChangeFeedWriter.Operation;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every write of the store of record. Each method is one transaction that changes the resource row, its
 * attribute index, its members and appends the change feed, so a change that was answered 2xx is in the feed.
 * Writes to one resource are serialized by a row lock ({@code SELECT ... FOR UPDATE}). Uniqueness of userName and
 * of a group's displayName is the unique indexes' job: the INSERT or UPDATE that would break it fails, and that
 * failure becomes 409 {@code uniqueness} (no check before, so no race between check and write, and one round trip
 * less).
 */
@Component
public class ResourceWriter {

    /** 100 rows of 6 parameters: far below PostgreSQL's 65,535 parameters per statement. */
    static final int INDEX_ROWS_PER_STATEMENT = 100;

    private final JdbcTemplate jdbc;
    private final MemberStore members;
    private final ChangeFeedWriter feed;
    private final ResourceCounts counts;

    public ResourceWriter(JdbcTemplate jdbc, MemberStore members, ChangeFeedWriter feed, ResourceCounts counts) {
        this.jdbc = jdbc;
        this.members = members;
        this.feed = feed;
        this.counts = counts;
    }

    /** Inserts a resource. For groups, {@code memberIds} are its initial members. */
    @Transactional
    public StoredResource create(String directoryId, ResourceKind kind, ObjectNode attributes,
            List<String> memberIds) {
        Columns columns = Columns.of(kind, attributes);
        OffsetDateTime now = now();
        StoredResource resource = new StoredResource(directoryId, RandomIds.string(), kind, attributes,
                1, now, now, null, null);
        // everything computed from the body alone is done before the first statement, which begins the
        // transaction on the database: the transaction stays open only for the statements themselves
        String json = ScimJson.write(attributes);
        List<AttributeIndexer.Row> rows = AttributeIndexer.rows(attributes);
        ObjectNode rendered = ResourceRenderer.render(resource, null);
        try {
            jdbc.update("INSERT INTO scim_resource (directory_id, id, resource_type, user_name, user_name_lc,"
                            + " display_name, display_name_lc, group_name_lc, external_id, active, version, created,"
                            + " last_modified, attributes, attributes_bytes)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    directoryId, resource.id(), kind.resourceType(), columns.userName(),
                    ResourceRows.lower(columns.userName()), columns.displayName(),
                    ResourceRows.lower(columns.displayName()), columns.groupNameLower(kind), columns.externalId(),
                    columns.active(), 1L, now, now, json, Utf8.length(json));
        } catch (DuplicateKeyException e) {
            throw conflict(kind);
        }
        index(directoryId, resource.id(), rows);
        List<StoredResource.Member> added = kind == ResourceKind.GROUP && memberIds != null
                ? members.add(directoryId, resource.id(), memberIds) : List.of();
        feed.append(resource, Operation.CREATE, rendered, added, List.of(), now);
        counts.add(directoryId, kind, 1);
        // a user that did not exist a moment ago is in no group: the response needs no look-up
        return kind == ResourceKind.USER ? resource.withGroups(List.of()) : resource;
    }

    /** PUT: replaces every attribute; for groups the member set becomes {@code memberIds}. */
    @Transactional
    public StoredResource replace(String directoryId, ResourceKind kind, String id, ObjectNode attributes,
            List<String> memberIds, String ifMatch) {
        StoredResource current = lock(directoryId, kind, id);
        IfMatch.check(ifMatch, current.version());
        List<MembershipUpdate> updates = kind == ResourceKind.GROUP
                ? List.of(new MembershipUpdate.ReplaceAll(memberIds == null ? List.of() : memberIds)) : List.of();
        return write(current, attributes, updates);
    }

    /** PATCH: computes the change under the row lock, then writes it; a no-op writes nothing. */
    @Transactional
    public StoredResource patch(String directoryId, ResourceKind kind, String id, ResourcePatch patch,
            String ifMatch) {
        StoredResource current = lock(directoryId, kind, id);
        IfMatch.check(ifMatch, current.version());
        ObjectNode view = current.attributes().deepCopy();
        view.put("id", id);
        ResourcePatch.Outcome outcome = patch.apply(view);
        ObjectNode attributes = outcome.attributes().deepCopy();
        attributes.remove("id");
        attributes.remove("meta");
        return write(current, attributes, outcome.membershipUpdates());
    }

    /** Deletes a resource, removes it from every group (each such group gets its own change) and its members. */
    @Transactional
    public void delete(String directoryId, ResourceKind kind, String id, String ifMatch) {
        StoredResource current = lock(directoryId, kind, id);
        IfMatch.check(ifMatch, current.version());
        OffsetDateTime now = now();
        StoredResource.Member self = new StoredResource.Member(id, kind.resourceType(), null);
        for (String groupId : members.removeFromAllGroups(directoryId, id)) {
            StoredResource group = bumpVersion(lock(directoryId, ResourceKind.GROUP, groupId), now);
            feed.append(group, Operation.UPDATE, ResourceRenderer.render(group, null), List.of(), List.of(self), now);
        }
        List<StoredResource.Member> removed = kind == ResourceKind.GROUP
                ? members.removeAll(directoryId, id) : List.of();
        jdbc.update("DELETE FROM scim_attribute_value WHERE directory_id = ? AND resource_id = ?", directoryId, id);
        jdbc.update("DELETE FROM scim_resource WHERE directory_id = ? AND id = ?", directoryId, id);
        StoredResource gone = new StoredResource(directoryId, id, kind, deletedSummary(current), current.version() + 1,
                current.created(), now, null, null);
        feed.append(gone, Operation.DELETE, ResourceRenderer.render(gone, null), List.of(), removed, now);
        counts.add(directoryId, kind, -1);
    }

    private StoredResource write(StoredResource current, ObjectNode attributes, List<MembershipUpdate> updates) {
        ResourceKind kind = current.kind();
        Columns columns = Columns.of(kind, attributes);
        List<StoredResource.Member> added = new ArrayList<>();
        List<StoredResource.Member> removed = new ArrayList<>();
        for (MembershipUpdate update : updates) {
            apply(current, update, added, removed);
        }
        cancelOut(added, removed);
        boolean attributesChanged = !attributes.equals(current.attributes());
        if (!attributesChanged && added.isEmpty() && removed.isEmpty()) {
            return current;
        }
        OffsetDateTime now = now();
        StoredResource next = new StoredResource(current.directoryId(), current.id(), kind, attributes,
                current.version() + 1, current.created(), now, null, null);
        // computed before the UPDATE, so that the statements of the transaction follow each other without the
        // JVM's work in between (the row lock is held from the SELECT ... FOR UPDATE to the commit)
        String json = ScimJson.write(attributes);
        List<AttributeIndexer.Row> rows = attributesChanged ? AttributeIndexer.rows(attributes) : List.of();
        // PATCH active, or of any column-only attribute, leaves the index rows as they are
        boolean reindex = attributesChanged && !rows.equals(AttributeIndexer.rows(current.attributes()));
        ObjectNode rendered = ResourceRenderer.render(next, null);
        try {
            jdbc.update("UPDATE scim_resource SET user_name = ?, user_name_lc = ?, display_name = ?,"
                            + " display_name_lc = ?, group_name_lc = ?, external_id = ?, active = ?, version = ?,"
                            + " last_modified = ?, attributes = ?, attributes_bytes = ? WHERE directory_id = ? AND id = ?",
                    columns.userName(), ResourceRows.lower(columns.userName()), columns.displayName(),
                    ResourceRows.lower(columns.displayName()), columns.groupNameLower(kind), columns.externalId(),
                    columns.active(), next.version(), now, json, Utf8.length(json), current.directoryId(),
                    current.id());
        } catch (DuplicateKeyException e) {
            throw conflict(kind);
        }
        if (reindex) {
            jdbc.update("DELETE FROM scim_attribute_value WHERE directory_id = ? AND resource_id = ?",
                    current.directoryId(), current.id());
            index(next.directoryId(), next.id(), rows);
        }
        feed.append(next, Operation.UPDATE, rendered, added, removed, now);
        return next;
    }

    private void apply(StoredResource group, MembershipUpdate update, List<StoredResource.Member> added,
            List<StoredResource.Member> removed) {
        if (group.kind() != ResourceKind.GROUP) {
            throw ScimException.invalidPath("Only groups have members");
        }
        String dir = group.directoryId();
        String id = group.id();
        if (update instanceof MembershipUpdate.Add add) {
            added.addAll(members.add(dir, id, add.ids()));
        } else if (update instanceof MembershipUpdate.Remove remove) {
            removed.addAll(members.remove(dir, id, remove.ids()));
        } else if (update instanceof MembershipUpdate.RemoveAll) {
            removed.addAll(members.removeAll(dir, id));
        } else if (update instanceof MembershipUpdate.ReplaceAll replace) {
            Set<String> wanted = new LinkedHashSet<>(replace.ids());
            List<String> drop = new ArrayList<>();
            for (StoredResource.Member m : members.list(dir, id, false)) {
                if (!wanted.remove(m.value())) {
                    drop.add(m.value());
                }
            }
            added.addAll(members.add(dir, id, wanted));
            removed.addAll(members.remove(dir, id, drop));
        }
    }

    /** An id added then removed (or removed then added) in one request is neither added nor removed. */
    private static void cancelOut(List<StoredResource.Member> added, List<StoredResource.Member> removed) {
        Set<String> addedIds = new HashSet<>();
        added.forEach(m -> addedIds.add(m.value()));
        Set<String> both = new HashSet<>();
        removed.forEach(m -> {
            if (addedIds.contains(m.value())) {
                both.add(m.value());
            }
        });
        added.removeIf(m -> both.contains(m.value()));
        removed.removeIf(m -> both.contains(m.value()));
    }

    private StoredResource lock(String directoryId, ResourceKind kind, String id) {
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT * FROM scim_resource WHERE directory_id = ?"
                + " AND id = ? AND resource_type = ? FOR UPDATE", directoryId, id, kind.resourceType());
        if (rows.isEmpty()) {
            throw ScimException.notFound(kind.resourceType() + " " + id + " not found");
        }
        return ResourceRows.fromRow(rows.get(0));
    }

    private StoredResource bumpVersion(StoredResource r, OffsetDateTime now) {
        jdbc.update("UPDATE scim_resource SET version = ?, last_modified = ? WHERE directory_id = ? AND id = ?",
                r.version() + 1, now, r.directoryId(), r.id());
        return new StoredResource(r.directoryId(), r.id(), r.kind(), r.attributes(), r.version() + 1, r.created(),
                now, null, null);
    }

    /**
     * Inserts the index rows as multi-row INSERTs of up to {@link #INDEX_ROWS_PER_STATEMENT} rows (one statement
     * for an Entra user instead of one per value); the statement is the same fixed fragment repeated, values are
     * parameters.
     */
    private void index(String directoryId, String resourceId, List<AttributeIndexer.Row> rows) {
        for (int from = 0; from < rows.size(); from += INDEX_ROWS_PER_STATEMENT) {
            List<AttributeIndexer.Row> chunk = rows.subList(from, Math.min(rows.size(),
                    from + INDEX_ROWS_PER_STATEMENT));
            StringBuilder sql = new StringBuilder("INSERT INTO scim_attribute_value (directory_id, resource_id, path,"
                    + " elem, attr_value, attr_value_lc) VALUES ");
            Object[] args = new Object[chunk.size() * 6];
            for (int i = 0; i < chunk.size(); i++) {
                AttributeIndexer.Row row = chunk.get(i);
                sql.append(i == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
                args[i * 6] = directoryId;
                args[i * 6 + 1] = resourceId;
                args[i * 6 + 2] = row.path();
                args[i * 6 + 3] = row.elem();
                args[i * 6 + 4] = row.value();
                args[i * 6 + 5] = row.valueLower();
            }
            jdbc.update(sql.toString(), args);
        }
    }

    private static ScimException conflict(ResourceKind kind) {
        return ScimException.uniqueness(kind == ResourceKind.USER
                ? "A user with this userName already exists in this directory"
                : "A group with this displayName already exists in this directory");
    }

    private static ObjectNode deletedSummary(StoredResource r) {
        ObjectNode summary = ScimJson.object();
        for (String key : List.of("schemas", "externalId", "userName", "displayName")) {
            JsonNode v = r.attributes().get(key);
            if (v != null) {
                summary.set(key, v);
            }
        }
        return summary;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    }

    /** The indexed columns of a resource, validated: userName / displayName required and bounded. */
    record Columns(String userName, String displayName, String externalId, Boolean active) {

        static Columns of(ResourceKind kind, ObjectNode a) {
            String userName = text(a, "userName");
            String displayName = text(a, "displayName");
            if (kind == ResourceKind.USER && (userName == null || userName.isBlank())) {
                throw ScimException.invalidValue("userName is required");
            }
            if (kind == ResourceKind.GROUP && (displayName == null || displayName.isBlank())) {
                throw ScimException.invalidValue("displayName is required");
            }
            JsonNode active = a.get("active");
            if (active != null && !active.isBoolean() && !active.isNull()) {
                throw ScimException.invalidValue("active must be a boolean");
            }
            return new Columns(kind == ResourceKind.USER ? userName : null, displayName, text(a, "externalId"),
                    active == null || active.isNull() ? null : active.booleanValue());
        }

        String groupNameLower(ResourceKind kind) {
            return kind == ResourceKind.GROUP ? ResourceRows.lower(displayName) : null;
        }

        private static String text(ObjectNode a, String name) {
            JsonNode v = a.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw ScimException.invalidValue(name + " must be a string");
            }
            if (v.textValue().length() > AttributeIndexer.MAX_INDEXED_LENGTH) {
                throw ScimException.invalidValue(name + " is longer than "
                        + AttributeIndexer.MAX_INDEXED_LENGTH + " characters");
            }
            return v.textValue();
        }
    }
}
