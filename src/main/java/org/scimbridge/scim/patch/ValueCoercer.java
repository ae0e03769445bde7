package org.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.Map;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.schema.AttributeDefinition;

/**
 * Turns a client's value for a known attribute into the shape the bridge stores. This is the one place for the
 * value rules that PATCH and POST/PUT share: booleans sent as strings, the manager's three shapes, roles whose
 * {@code value} is a JSON string, canonical sub-attribute names, and type checks (400 {@code invalidValue}).
 */
public final class ValueCoercer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ValueCoercer() {
    }

    /**
     * The stored form of a whole attribute value, or null when the value clears the attribute
     * ({@code null}, {@code ""}, an empty manager). A null definition (custom extension) keeps the value verbatim.
     */
    public static JsonNode attribute(AttributeDefinition def, JsonNode value) {
        if (JsonObjects.isClear(value)) {
            return null;
        }
        if (def == null) {
            return value.deepCopy();
        }
        if (isManager(def)) {
            return manager(value);
        }
        if (def.multiValued()) {
            return multiValued(def, value);
        }
        if (def.isComplex()) {
            ObjectNode complex = complex(def, value);
            return complex.isEmpty() ? null : complex;
        }
        return simple(def, value);
    }

    /** A single-valued simple value: booleans and numbers checked, strings kept, objects/arrays rejected. */
    public static JsonNode simple(AttributeDefinition def, JsonNode value) {
        String name = def.name();
        if (value.isContainerNode()) {
            throw ScimException.invalidValue("'" + name + "' takes a single " + def.type().scimName()
                    + ", not " + (value.isArray() ? "an array" : "an object"));
        }
        return switch (def.type()) {
            case BOOLEAN -> bool(name, value);
            case INTEGER -> integer(name, value);
            case DECIMAL -> decimal(name, value);
            default -> text(def, value);
        };
    }

    /**
     * A string-like value (string, reference, dateTime, binary): a number is taken as its text (an employee
     * number sent as 42 means "42"), but a boolean is refused, since true in a string attribute is a client
     * writing the wrong attribute, not a spelling of a string (RFC 7644 §3.12 invalidValue).
     */
    private static JsonNode text(AttributeDefinition def, JsonNode value) {
        if (value.isBoolean()) {
            throw ScimException.invalidValue("'" + def.name() + "' takes a " + def.type().scimName()
                    + ", not the boolean " + value);
        }
        return value.isTextual() ? value : TextNode.valueOf(value.asText());
    }

    /** A JSON boolean, or the string true/false in any case (Entra sends "True"/"False"). */
    public static BooleanNode bool(String name, JsonNode value) {
        if (value.isBoolean()) {
            return (BooleanNode) value;
        }
        if (value.isTextual()) {
            String text = value.textValue().strip();
            if (text.equalsIgnoreCase("true")) {
                return BooleanNode.TRUE;
            }
            if (text.equalsIgnoreCase("false")) {
                return BooleanNode.FALSE;
            }
        }
        throw ScimException.invalidValue("'" + name + "' is a boolean: true or false, not " + shortText(value));
    }

    /** True when a textual value is a boolean in disguise: {@code "False"}. */
    public static boolean isStringBoolean(JsonNode value) {
        return value != null && value.isTextual()
                && (value.textValue().strip().equalsIgnoreCase("true")
                || value.textValue().strip().equalsIgnoreCase("false"));
    }

    /**
     * The enterprise manager as {@code {"value": id}}, from {@code "id"}, {@code {"value":"id"}} (any key case) or
     * {@code [{"value":"id"}]}; null when the value clears it.
     */
    public static ObjectNode manager(JsonNode value) {
        if (JsonObjects.isClear(value)) {
            return null;
        }
        if (value.isArray()) {
            if (value.isEmpty()) {
                return null;
            }
            if (value.size() > 1) {
                throw ScimException.invalidValue("A user has one manager, not " + value.size());
            }
            return manager(value.get(0));
        }
        if (value.isObject()) {
            if (value.isEmpty()) {
                return null;
            }
            String key = JsonObjects.findKey(value, "value");
            if (key == null) {
                throw ScimException.invalidValue("The manager needs a 'value' with the manager's id");
            }
            return manager(value.get(key));
        }
        if (value.isTextual() || value.isIntegralNumber()) {
            String id = value.asText().strip();
            return id.isEmpty() ? null : JsonObjects.object().put("value", id);
        }
        throw ScimException.invalidValue("The manager is an id, not " + shortText(value));
    }

    /** A multi-valued attribute as an array; a single element is accepted and wrapped; null elements dropped. */
    public static ArrayNode multiValued(AttributeDefinition def, JsonNode value) {
        ArrayNode out = JsonObjects.array();
        if (JsonObjects.isClear(value)) {
            return out;
        }
        Iterable<JsonNode> elements = value.isArray() ? value : java.util.List.of(value);
        for (JsonNode element : elements) {
            if (JsonObjects.isClear(element)) {
                continue;
            }
            if (!def.isComplex()) {
                out.add(simple(def, element));
                continue;
            }
            ObjectNode coerced = element(def, element);
            if (!coerced.isEmpty()) {
                out.add(coerced);
            }
        }
        return out;
    }

    /** One element of a multi-valued complex attribute ({@code emails}, {@code roles}, ...). */
    public static ObjectNode element(AttributeDefinition def, JsonNode element) {
        if (!element.isObject()) {
            throw ScimException.invalidValue("Each element of '" + def.name() + "' is an object, not "
                    + shortText(element));
        }
        ObjectNode coerced = complex(def, element);
        return "roles".equals(def.name()) ? unwrapStringifiedRole(def, coerced) : coerced;
    }

    /** A complex value with canonical sub-attribute names; nulls and empty strings dropped; unknown keys kept. */
    public static ObjectNode complex(AttributeDefinition def, JsonNode value) {
        if (!value.isObject()) {
            throw ScimException.invalidValue("'" + def.name() + "' is complex: an object with sub-attributes, not "
                    + shortText(value));
        }
        ObjectNode out = JsonObjects.object();
        for (Map.Entry<String, JsonNode> field : JsonObjects.fields(value)) {
            if (JsonObjects.isClear(field.getValue())) {
                continue;
            }
            AttributeDefinition subDef = def.subAttribute(field.getKey()).orElse(null);
            String name = subDef == null ? field.getKey() : subDef.name();
            JsonObjects.put(out, name, subAttribute(subDef, field.getValue()));
        }
        return out;
    }

    /** A sub-attribute value; unknown sub-attributes are kept verbatim. */
    public static JsonNode subAttribute(AttributeDefinition subDef, JsonNode value) {
        return subDef == null ? value.deepCopy() : simple(subDef, value);
    }

    public static boolean isManager(AttributeDefinition def) {
        return def != null && "manager".equals(def.name()) && def.isComplex() && !def.multiValued();
    }

    /**
     * Entra's AppRoleAssignmentsComplex sends {@code {"value":"{\"id\":..,\"value\":\"Admin\"}"}}: the role
     * is JSON inside the string. The parsed object's members replace the element's {@code value}.
     */
    private static ObjectNode unwrapStringifiedRole(AttributeDefinition def, ObjectNode element) {
        JsonNode value = element.get("value");
        if (value == null || !value.isTextual() || !value.textValue().strip().startsWith("{")) {
            return element;
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(value.textValue());
        } catch (Exception notJson) {
            return element; // a role literally named "{..." stays as it is
        }
        if (parsed == null || !parsed.isObject()) {
            return element;
        }
        ObjectNode merged = element.deepCopy();
        merged.remove("value");
        complex(def, parsed).fields().forEachRemaining(f -> JsonObjects.put(merged, f.getKey(), f.getValue()));
        return merged;
    }

    private static JsonNode integer(String name, JsonNode value) {
        try {
            if (value.isIntegralNumber()) {
                return value;
            }
            if (value.isTextual() || value.isNumber()) {
                return LongNode.valueOf(new BigDecimal(value.asText().strip()).longValueExact());
            }
        } catch (ArithmeticException | NumberFormatException e) {
            // fall through to the error
        }
        throw ScimException.invalidValue("'" + name + "' is an integer, not " + shortText(value));
    }

    private static JsonNode decimal(String name, JsonNode value) {
        try {
            if (value.isNumber()) {
                return value;
            }
            if (value.isTextual()) {
                return DecimalNode.valueOf(new BigDecimal(value.textValue().strip()));
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw ScimException.invalidValue("'" + name + "' is a decimal, not " + shortText(value));
    }

    static String shortText(JsonNode value) {
        String text = String.valueOf(value);
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
