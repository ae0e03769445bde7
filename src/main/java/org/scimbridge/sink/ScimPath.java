package org.scimbridge.sink;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads simple values out of a SCIM resource by a small path language used in the LDAP attribute map.
 *
 * <ul>
 *   <li>{@code userName}, {@code name.givenName}: an attribute or sub-attribute (case-insensitive names);</li>
 *   <li>{@code emails[type=work].value}, {@code emails[primary].value}, {@code emails[0].value}: one element
 *       of a multi-valued attribute chosen by type, by {@code primary: true}, or by position;
 *       {@code emails.value} gives every element's value;</li>
 *   <li>{@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}: an extension attribute
 *       (the part after the last {@code :} is the path inside the extension object).</li>
 * </ul>
 * Nulls, empty strings and missing attributes give no value. Booleans and numbers give their text.
 */
public final class ScimPath {

    private ScimPath() {
    }

    public static List<String> values(JsonNode resource, String path) {
        List<String> out = new ArrayList<>();
        if (resource == null || path == null || path.isBlank()) {
            return out;
        }
        JsonNode start = resource;
        String rest = path.trim();
        if (rest.regionMatches(true, 0, "urn:", 0, 4)) {
            int colon = rest.lastIndexOf(':');
            start = field(resource, rest.substring(0, colon));
            rest = rest.substring(colon + 1);
            if (start == null) {
                return out;
            }
        }
        collect(start, rest.split("\\."), 0, out);
        return out;
    }

    public static String first(JsonNode resource, String path) {
        List<String> v = values(resource, path);
        return v.isEmpty() ? null : v.get(0);
    }

    private static void collect(JsonNode node, String[] segs, int i, List<String> out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (i == segs.length) {
            if (node.isArray()) {
                node.forEach(n -> collect(n, segs, i, out));
            } else if (node.isValueNode()) {
                String text = node.asText();
                if (!text.isEmpty()) {
                    out.add(text);
                }
            }
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> collect(n, segs, i, out));
            return;
        }
        String seg = segs[i];
        String selector = null;
        int bracket = seg.indexOf('[');
        if (bracket >= 0 && seg.endsWith("]")) {
            selector = seg.substring(bracket + 1, seg.length() - 1).trim();
            seg = seg.substring(0, bracket);
        }
        JsonNode child = field(node, seg);
        if (child == null) {
            return;
        }
        if (selector == null) {
            collect(child, segs, i + 1, out);
            return;
        }
        List<JsonNode> elements = new ArrayList<>();
        if (child.isArray()) {
            child.forEach(elements::add);
        } else {
            elements.add(child);
        }
        if (selector.matches("\\d+")) {
            int idx = Integer.parseInt(selector);
            if (idx < elements.size()) {
                collect(elements.get(idx), segs, i + 1, out);
            }
            return;
        }
        for (JsonNode e : elements) {
            if (matches(e, selector)) {
                collect(e, segs, i + 1, out);
            }
        }
    }

    private static boolean matches(JsonNode element, String selector) {
        int eq = selector.indexOf('=');
        if (eq < 0) {
            JsonNode flag = field(element, selector);
            return flag != null && (flag.asBoolean(false) || "true".equalsIgnoreCase(flag.asText()));
        }
        JsonNode v = field(element, selector.substring(0, eq).trim());
        return v != null && v.asText().equalsIgnoreCase(selector.substring(eq + 1).trim());
    }

    /** Case-insensitive field look-up, as SCIM attribute names are case-insensitive. */
    static JsonNode field(JsonNode node, String name) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode direct = node.get(name);
        if (direct != null) {
            return direct;
        }
        String lc = name.toLowerCase(Locale.ROOT);
        var it = node.fieldNames();
        while (it.hasNext()) {
            String f = it.next();
            if (f.toLowerCase(Locale.ROOT).equals(lc)) {
                return node.get(f);
            }
        }
        return null;
    }
}
