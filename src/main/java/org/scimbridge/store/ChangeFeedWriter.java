package org.scimbridge.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.Collection;
import org.scimbridge.config.BridgeProperties;
import org.scimbridge.scim.model.ScimJson;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Appends to {@code scim_change} inside the caller's transaction. The per-directory head row is bumped first,
 * which locks it until commit: changes of one directory therefore commit in seq order, without gaps.
 */
@Component
public class ChangeFeedWriter implements InitializingBean {

    public enum Operation { CREATE, UPDATE, DELETE }

    private final JdbcTemplate jdbc;

    private final BridgeProperties properties;

    public ChangeFeedWriter(JdbcTemplate jdbc, BridgeProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** Runs after Flyway and before the web server takes requests. */
    @Override
    public void afterPropertiesSet() {
        properties.directories().keySet().forEach(this::ensureHead);
    }

    /** Creates the head row of each directory, once, outside any SCIM transaction. */
    public void ensureHead(String directoryId) {
        Integer exists = jdbc.queryForObject("SELECT COUNT(*) FROM scim_feed_head WHERE directory_id = ?",
                Integer.class, directoryId);
        if (exists != null && exists == 0) {
            try {
                jdbc.update("INSERT INTO scim_feed_head (directory_id, last_seq) VALUES (?, 0)", directoryId);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                // another instance created it first
            }
        }
    }

    public long append(StoredResource resource, Operation operation, ObjectNode renderedResource,
            Collection<StoredResource.Member> added, Collection<StoredResource.Member> removed,
            OffsetDateTime now) {
        ObjectNode payload = ScimJson.object();
        payload.set("resource", renderedResource);
        payload.set("membersAdded", members(added));
        payload.set("membersRemoved", members(removed));
        String directoryId = resource.directoryId();
        int bumped = jdbc.update("UPDATE scim_feed_head SET last_seq = last_seq + 1 WHERE directory_id = ?",
                directoryId);
        if (bumped == 0) {
            throw new IllegalStateException("No feed head for directory " + directoryId);
        }
        Long seq = jdbc.queryForObject("SELECT last_seq FROM scim_feed_head WHERE directory_id = ?", Long.class,
                directoryId);
        jdbc.update("INSERT INTO scim_change (directory_id, seq, resource_type, resource_id, operation, version,"
                        + " payload, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                directoryId, seq, resource.kind().resourceType(), resource.id(), operation.name(),
                resource.version(), ScimJson.write(payload), now);
        return seq;
    }

    private static ArrayNode members(Collection<StoredResource.Member> members) {
        ArrayNode array = ScimJson.MAPPER.createArrayNode();
        for (StoredResource.Member m : members) {
            array.addObject().put("value", m.value()).put("type", m.type());
        }
        return array;
    }
}
