package org.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Case-insensitive member access on Jackson objects, as RFC 7643 §2.1 wants for attribute names. */
public final class JsonObjects {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonObjects() {
    }

    /** The key of {@code object} equal to {@code name} ignoring case (the exact key first), or null. */
    public static String findKey(JsonNode object, String name) {
        if (object == null || !object.isObject() || name == null) {
            return null;
        }
        if (object.has(name)) {
            return name;
        }
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (key.equalsIgnoreCase(name)) {
                return key;
            }
        }
        return null;
    }

    /** The member named {@code name} in any case, or null. */
    public static JsonNode get(JsonNode object, String name) {
        String key = findKey(object, name);
        return key == null ? null : object.get(key);
    }

    /** Removes every member named {@code name} in any case; returns whether one was there. */
    public static boolean removeAll(ObjectNode object, String name) {
        List<String> doomed = new ArrayList<>();
        object.fieldNames().forEachRemaining(k -> {
            if (k.equalsIgnoreCase(name)) {
                doomed.add(k);
            }
        });
        object.remove(doomed);
        return !doomed.isEmpty();
    }

    /** Sets {@code name} to {@code value}, dropping members that differ from it only in case. */
    public static void put(ObjectNode object, String name, JsonNode value) {
        removeAll(object, name);
        object.set(name, value);
    }

    /** JSON null, absent, or the empty string: what RFC 7644 rule 9 (and Entra) use to clear an attribute. */
    public static boolean isClear(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode()
                || (value.isTextual() && value.textValue().isEmpty());
    }

    /** True for a value that carries nothing: clear, an empty array or an empty object. */
    public static boolean isEmpty(JsonNode value) {
        return isClear(value) || (value.isContainerNode() && value.isEmpty());
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode object) {
        List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
        object.fields().forEachRemaining(list::add);
        return list;
    }
}
