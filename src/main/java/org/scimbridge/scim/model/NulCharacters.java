package org.scimbridge.scim.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.scimbridge.scim.error.ScimException;

/**
 * Refuses a NUL character (U+0000) anywhere in a request body, in a value or a name. PostgreSQL cannot
 * store one in text ({@code invalid byte sequence 0x00}) where H2 can, so the bridge refuses it on every store,
 * before anything is written, rather than store it on one and fail on the other.
 */
public final class NulCharacters {

    private NulCharacters() {
    }

    public static void refuseIn(JsonNode node) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            if (node.textValue().indexOf('\0') >= 0) {
                throw ScimException.invalidValue("A value contains a NUL character (\\u0000)");
            }
        } else if (node.isArray()) {
            node.forEach(NulCharacters::refuseIn);
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getKey().indexOf('\0') >= 0) {
                    throw ScimException.invalidValue("An attribute name contains a NUL character (\\u0000)");
                }
                refuseIn(field.getValue());
            }
        }
    }
}
