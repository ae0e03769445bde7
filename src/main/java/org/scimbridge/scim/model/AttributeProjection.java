package org.scimbridge.scim.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.AttributePath;
import org.scimbridge.scim.filter.FilterParser;

/**
 * {@code attributes} and {@code excludedAttributes} (RFC 7644 §3.4.2.5) applied to a rendered resource.
 * {@code id} and {@code schemas} are always returned. Names compare case-insensitively.
 */
public final class AttributeProjection {

    private AttributeProjection() {
    }

    public static List<String> parseList(String commaSeparated) {
        List<String> out = new ArrayList<>();
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return out;
        }
        for (String part : commaSeparated.split(",")) {
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** True when the caller asked not to get this top-level attribute (for example {@code members}). */
    public static boolean excludes(List<String> attributes, List<String> excluded, String attribute) {
        if (!attributes.isEmpty()) {
            return attributes.stream().map(AttributeProjection::path)
                    .noneMatch(p -> attribute.equalsIgnoreCase(p.attribute()));
        }
        return excluded.stream().map(AttributeProjection::path)
                .anyMatch(p -> attribute.equalsIgnoreCase(p.attribute()) && !p.hasSubAttribute());
    }

    public static ObjectNode apply(ObjectNode resource, List<String> attributes, List<String> excluded) {
        if (!attributes.isEmpty()) {
            ObjectNode out = ScimJson.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                String key = f.getKey();
                if (key.equals("id") || key.equals("schemas")) {
                    out.set(key, f.getValue());
                    continue;
                }
                JsonNode kept = keep(key, f.getValue(), attributes);
                if (kept != null) {
                    out.set(key, kept);
                }
            }
            return out;
        }
        if (excluded.isEmpty()) {
            return resource;
        }
        ObjectNode out = resource.deepCopy();
        for (String name : excluded) {
            AttributePath p = path(name);
            if (p.attribute() == null || p.attribute().equalsIgnoreCase("id")) {
                continue;
            }
            ObjectNode holder = holder(out, p.schemaUrn());
            if (holder == null) {
                continue;
            }
            String key = field(holder, p.attribute());
            if (key == null) {
                continue;
            }
            if (!p.hasSubAttribute()) {
                holder.remove(key);
            } else {
                removeSub(holder.get(key), p.subAttribute());
            }
        }
        return out;
    }

    private static JsonNode keep(String key, JsonNode value, List<String> attributes) {
        boolean extension = key.regionMatches(true, 0, "urn:", 0, 4);
        if (extension && value.isObject()) {
            ObjectNode ext = ScimJson.object();
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                for (String a : attributes) {
                    AttributePath p = path(a);
                    if (p.schemaUrn() == null && p.attribute() == null) {
                        continue;
                    }
                    if (p.schemaUrn() != null && p.schemaUrn().equalsIgnoreCase(key) && p.attribute() == null) {
                        return value;
                    }
                    boolean sameSchema = p.schemaUrn() == null || p.schemaUrn().equalsIgnoreCase(key);
                    if (sameSchema && f.getKey().equalsIgnoreCase(p.attribute())) {
                        ext.set(f.getKey(), p.hasSubAttribute() ? subset(f.getValue(), p.subAttribute())
                                : f.getValue());
                    }
                }
            }
            return ext.isEmpty() ? null : ext;
        }
        JsonNode result = null;
        for (String a : attributes) {
            AttributePath p = path(a);
            if (p.attribute() != null && key.equalsIgnoreCase(p.attribute()) && p.schemaUrn() == null
                    || p.attribute() != null && key.equalsIgnoreCase(p.attribute())
                    && p.schemaUrn().toLowerCase(Locale.ROOT).contains(":core:")) {
                if (!p.hasSubAttribute()) {
                    return value;
                }
                result = merge(result, subset(value, p.subAttribute()));
            }
        }
        return result;
    }

    private static JsonNode merge(JsonNode a, JsonNode b) {
        if (a == null) {
            return b;
        }
        if (a.isObject() && b != null && b.isObject()) {
            ((ObjectNode) a).setAll((ObjectNode) b);
        }
        return a;
    }

    private static JsonNode subset(JsonNode value, String sub) {
        if (value.isObject()) {
            ObjectNode out = ScimJson.object();
            String key = field((ObjectNode) value, sub);
            if (key != null) {
                out.set(key, value.get(key));
            }
            return out;
        }
        if (value.isArray()) {
            var out = ScimJson.MAPPER.createArrayNode();
            value.forEach(e -> out.add(subset(e, sub)));
            return out;
        }
        return value;
    }

    private static void removeSub(JsonNode value, String sub) {
        if (value instanceof ObjectNode o) {
            String key = field(o, sub);
            if (key != null) {
                o.remove(key);
            }
        } else if (value != null && value.isArray()) {
            value.forEach(e -> removeSub(e, sub));
        }
    }

    private static ObjectNode holder(ObjectNode resource, String schemaUrn) {
        if (schemaUrn == null || schemaUrn.toLowerCase(Locale.ROOT).contains(":core:")) {
            return resource;
        }
        String key = field(resource, schemaUrn);
        return key != null && resource.get(key) instanceof ObjectNode o ? o : null;
    }

    private static String field(ObjectNode node, String name) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (k.equalsIgnoreCase(name)) {
                return k;
            }
        }
        return null;
    }

    private static AttributePath path(String text) {
        try {
            return FilterParser.parseAttributePath(text);
        } catch (ScimException e) {
            throw ScimException.invalidValue("Not an attribute name: " + text);
        }
    }
}
