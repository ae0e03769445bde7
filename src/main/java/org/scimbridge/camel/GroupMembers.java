package org.scimbridge.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.scimbridge.scim.error.ScimException;

/** Takes {@code members} out of a POST/PUT group body: membership lives in its own table. */
final class GroupMembers {

    private GroupMembers() {
    }

    /** The member ids, or an empty list; removes the attribute from {@code attributes}. */
    static List<String> extract(ObjectNode attributes) {
        String key = null;
        for (var it = attributes.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equalsIgnoreCase("members")) {
                key = k;
            }
        }
        List<String> ids = new ArrayList<>();
        if (key == null) {
            return ids;
        }
        JsonNode members = attributes.remove(key);
        if (members.isNull()) {
            return ids;
        }
        if (!members.isArray()) {
            throw ScimException.invalidValue("members must be an array");
        }
        for (JsonNode m : members) {
            JsonNode value = m.isObject() ? m.get("value") : null;
            if (value == null || !value.isTextual() || value.asText().isBlank()) {
                throw ScimException.invalidValue("Each member needs a value (the member's id)");
            }
            ids.add(value.asText());
        }
        return ids;
    }
}
