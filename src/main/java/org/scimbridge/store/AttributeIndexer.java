package org.scimbridge.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Flattens a resource into the rows of {@code scim_attribute_value}: one row per simple value, keyed by its
 * lower-case path ({@code emails.value}, {@code urn:...:enterprise:2.0:user:manager.value}) and, inside a
 * multi-valued attribute, by the element's index. The columns of {@code scim_resource} (userName, externalId,
 * displayName, active) are not repeated here.
 */
public final class AttributeIndexer {

    /** Values longer than this are not indexed (an X.509 certificate, a photo as data URL). */
    public static final int MAX_INDEXED_LENGTH = 512;

    private static final Set<String> NOT_INDEXED = Set.of("schemas", "id", "meta", "members", "password",
            "username", "externalid", "displayname", "active");

    public record Row(String path, int elem, String value) {
        public String valueLower() {
            return value.toLowerCase(Locale.ROOT);
        }
    }

    private AttributeIndexer() {
    }

    public static List<Row> rows(ObjectNode attributes) {
        List<Row> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = attributes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey().toLowerCase(Locale.ROOT);
            if (NOT_INDEXED.contains(key)) {
                continue;
            }
            if (key.startsWith("urn:") && field.getValue().isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> ext = field.getValue().fields(); ext.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = ext.next();
                    attribute(key + ":" + e.getKey().toLowerCase(Locale.ROOT), e.getValue(), rows);
                }
            } else {
                attribute(key, field.getValue(), rows);
            }
        }
        return rows;
    }

    private static void attribute(String path, JsonNode value, List<Row> rows) {
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                element(path, i, value.get(i), rows);
            }
        } else {
            element(path, 0, value, rows);
        }
    }

    private static void element(String path, int elem, JsonNode value, List<Row> rows) {
        if (value.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> sub = it.next();
                simple(path + "." + sub.getKey().toLowerCase(Locale.ROOT), elem, sub.getValue(), rows);
            }
        } else {
            simple(path, elem, value, rows);
        }
    }

    private static void simple(String path, int elem, JsonNode value, List<Row> rows) {
        if (!value.isValueNode() || value.isNull()) {
            return;
        }
        String text = value.asText();
        if (text.length() <= MAX_INDEXED_LENGTH && path.length() <= 300) {
            rows.add(new Row(path, elem, text));
        }
    }
}
