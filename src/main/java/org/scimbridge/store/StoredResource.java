package org.scimbridge.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import org.scimbridge.scim.schema.ResourceKind;

/**
 * A resource as the store holds it. {@code attributes} is the JSON as sent (with {@code schemas}, without
 * {@code id}, {@code meta} and group members). {@code members} (a group's members) and {@code groups} (the groups
 * a user is in, RFC 7643 §4.1.2) are null when they were not loaded.
 */
public record StoredResource(
        String directoryId,
        String id,
        ResourceKind kind,
        ObjectNode attributes,
        long version,
        OffsetDateTime created,
        OffsetDateTime lastModified,
        List<Member> members,
        List<Member> groups) {

    public StoredResource withMembers(List<Member> loaded) {
        return new StoredResource(directoryId, id, kind, attributes, version, created, lastModified, loaded, groups);
    }

    public StoredResource withGroups(List<Member> loaded) {
        return new StoredResource(directoryId, id, kind, attributes, version, created, lastModified, members, loaded);
    }

    /** The weak ETag of this version: {@code W/"3"}. */
    public String etag() {
        return "W/\"" + version + "\"";
    }

    /** A member of a group, with the member's display name when it was joined in. */
    public record Member(String value, String type, String display) {
    }
}
