package org.scimbridge.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Collection;
import org.scimbridge.scim.model.ScimJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends a change to the feed inside the caller's transaction: one insert into {@code scim_change_inbox}, which no
 * other write of the directory touches, so writes of one directory commit independently (and PostgreSQL flushes
 * their commits together). {@link FeedSequencer} numbers the change once it committed (V11 explains the order).
 */
@Component
public class ChangeFeedWriter {

    public enum Operation { CREATE, UPDATE, DELETE }

    private final JdbcTemplate jdbc;

    public ChangeFeedWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void append(StoredResource resource, Operation operation, ObjectNode renderedResource,
            Collection<StoredResource.Member> added, Collection<StoredResource.Member> removed,
            OffsetDateTime now) {
        ObjectNode payload = ScimJson.object();
        payload.set("resource", renderedResource);
        payload.set("membersAdded", members(added));
        payload.set("membersRemoved", members(removed));
        jdbc.update("INSERT INTO scim_change_inbox (directory_id, resource_type, resource_id, operation, version,"
                        + " payload, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                resource.directoryId(), resource.kind().resourceType(), resource.id(), operation.name(),
                resource.version(), ScimJson.write(payload), now);
    }

    private static ArrayNode members(Collection<StoredResource.Member> members) {
        ArrayNode array = ScimJson.MAPPER.createArrayNode();
        for (StoredResource.Member m : members) {
            array.addObject().put("value", m.value()).put("type", m.type());
        }
        return array;
    }
}
