package org.scimbridge.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import org.scimbridge.scim.schema.ResourceKind;

/**
 * A resource as the store holds it. {@code attributes} is the JSON as sent (with {@code schemas}, without
 * {@code id}, {@code meta} and group members). {@code members} is null when it was not loaded.
 */
public record StoredResource(
        String directoryId,
        String id,
        ResourceKind kind,
        ObjectNode attributes,
        long version,
        OffsetDateTime created,
        OffsetDateTime lastModified,
        List<Member> members) {

    public StoredResource withMembers(List<Member> loaded) {
        return new StoredResource(directoryId, id, kind, attributes, version, created, lastModified, loaded);
    }

    /** The weak ETag of this version: {@code W/"3"}. */
    public String etag() {
        return "W/\"" + version + "\"";
    }

    /** A member of a group, with the member's display name when it was joined in. */
    public record Member(String value, String type, String display) {
    }
}
