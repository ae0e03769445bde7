package org.scimbridge.scim.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import org.scimbridge.scim.error.ScimException;

/**
 * The limit on values of one multi-valued attribute ({@code emails}, {@code phoneNumbers}, an extension's list,
 * anywhere in the resource), so that no single user can make a filter or an index slow for its whole directory.
 * A group's {@code members} are not attributes of the stored JSON (they live in the member table) and are not
 * bound by it. A PATCH is refused only where it grows a list past the limit, so a resource stored before the
 * limit existed can still be edited.
 */
public final class ValuesPerAttribute {

    private ValuesPerAttribute() {
    }

    /** Refuses (400 invalidValue) a resource with a list longer than {@code max}. */
    public static void check(JsonNode resource, int max) {
        check(resource, null, max, "");
    }

    /** Refuses a PATCH result with a list longer than {@code max} that is longer than it was {@code before}. */
    public static void checkGrowth(JsonNode before, JsonNode after, int max) {
        check(after, before, max, "");
    }

    private static void check(JsonNode node, JsonNode before, int max, String path) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            if (node.size() > max && (before == null || !before.isArray() || node.size() > before.size())) {
                throw ScimException.invalidValue(path + " has " + node.size() + " values; at most " + max
                        + " values are accepted in one attribute");
            }
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), before == null ? null : before.get(i), max, path);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String name = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                check(field.getValue(), before == null ? null : before.get(field.getKey()), max, name);
            }
        }
    }
}
