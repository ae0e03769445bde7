package org.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scimbridge.scim.error.ScimException;

/** Reads group members from a PATCH value or a POST body: {@code [{"value":"id","type":"User","$ref":..}]}. */
public final class MemberRefs {

    private MemberRefs() {
    }

    /**
     * The members listed in {@code value}: an array of member objects, or one member object. A member named twice
     * is listed once. Elements without a {@code value} are a 400 {@code invalidValue}.
     */
    public static List<MemberRef> parse(JsonNode value) {
        if (value == null || !(value.isArray() || value.isObject())) {
            throw ScimException.invalidValue("'members' is an array of {\"value\": id} objects, not "
                    + ValueCoercer.shortText(value));
        }
        Iterable<JsonNode> elements = value.isArray() ? value : List.of(value);
        Map<String, MemberRef> byId = new LinkedHashMap<>();
        for (JsonNode element : elements) {
            MemberRef ref = parseOne(element);
            byId.putIfAbsent(ref.value(), ref);
        }
        return new ArrayList<>(byId.values());
    }

    /** The members as the store wants them in a resource body: {@code [{"value":..,"type":..}]}. */
    public static ArrayNode toJson(List<MemberRef> refs) {
        ArrayNode out = JsonObjects.array();
        for (MemberRef ref : refs) {
            ObjectNode member = out.addObject().put("value", ref.value());
            if (ref.type() != null) {
                member.put("type", ref.type());
            }
        }
        return out;
    }

    private static MemberRef parseOne(JsonNode element) {
        if (element == null || !element.isObject()) {
            throw ScimException.invalidValue("A member is an object {\"value\": id}, not "
                    + ValueCoercer.shortText(element));
        }
        JsonNode id = JsonObjects.get(element, "value");
        if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
            throw ScimException.invalidValue("A member needs a 'value' with the member's id: "
                    + ValueCoercer.shortText(element));
        }
        return new MemberRef(id.asText().strip(), type(JsonObjects.get(element, "type")));
    }

    private static String type(JsonNode type) {
        if (JsonObjects.isClear(type)) {
            return null;
        }
        if (type.isTextual()) {
            if (type.textValue().equalsIgnoreCase("User")) {
                return "User";
            }
            if (type.textValue().equalsIgnoreCase("Group")) {
                return "Group";
            }
        }
        throw ScimException.invalidValue("A member's type is \"User\" or \"Group\", not " + ValueCoercer.shortText(type));
    }
}
