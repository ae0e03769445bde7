package org.scimbridge.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.AttributePath;
import org.scimbridge.scim.patch.MemberRefs;
import org.scimbridge.scim.patch.ValueCoercer;
import org.scimbridge.scim.schema.AttributeDefinition;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.scim.schema.ResourceSchema;
import org.scimbridge.scim.schema.SchemaRegistry;
import org.scimbridge.scim.schema.ScimSchemas;

/**
 * Turns a POST/PUT body into the node the store keeps: canonical attribute names (Microsoft's tests send
 * {@code "Primary"}, {@code "Department"}, {@code "Manager":{"Value":..}}), values coerced by {@link ValueCoercer},
 * JSON nulls dropped, server-owned members ({@code id}, {@code meta}, user {@code groups}) and {@code password}
 * dropped. URN keys the bridge does not know (such as fixture 10's malformed {@code ...:enterprise:2.0User}) are kept
 * verbatim as custom data; unknown plain attributes are ignored. Group {@code members} stay in the node as
 * {@code [{"value":..,"type":..}]} for the store to extract.
 */
public final class ResourceBodyNormalizer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public ObjectNode normalize(ResourceKind kind, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ScimException.invalidSyntax("A " + kind.resourceType() + " is a JSON object");
        }
        ObjectNode out = NODES.objectNode();
        ObjectNode enterprise = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) body::fields) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (value == null || value.isNull()) {
                continue; // Entra's samples send nulls for attributes it has no value for
            }
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.equals("schemas")) {
                out.set("schemas", schemas(value));
            } else if (lower.startsWith("urn:")) {
                putExtension(kind, out, enterprise, key, value);
            } else {
                putAttribute(kind, out, enterprise, key, value);
            }
        }
        if (!enterprise.isEmpty()) {
            out.set(ScimSchemas.ENTERPRISE_USER, enterprise);
        }
        ArrayNode schemas = out.has("schemas") ? (ArrayNode) out.get("schemas") : out.putArray("schemas");
        addSchema(schemas, kind.coreSchema());
        if (!enterprise.isEmpty()) {
            addSchema(schemas, ScimSchemas.ENTERPRISE_USER);
        }
        return out;
    }

    private static void putAttribute(ResourceKind kind, ObjectNode out, ObjectNode enterprise, String key,
            JsonNode value) {
        if (kind == ResourceKind.GROUP && key.equalsIgnoreCase("members")) {
            out.set("members", MemberRefs.toJson(MemberRefs.parse(value.isArray() || value.isObject()
                    ? value : invalid("'members' is an array of {\"value\": id} objects"))));
            return;
        }
        Optional<AttributeDefinition> def = SchemaRegistry.attribute(kind, AttributePath.of(key));
        if (def.isEmpty() || isServerOwned(def.get())) {
            return;
        }
        JsonNode coerced = ValueCoercer.attribute(def.get(), value);
        if (coerced == null || coerced.isContainerNode() && coerced.isEmpty()) {
            return;
        }
        if (SchemaRegistry.isEnterpriseOnly(kind, AttributePath.of(key))) {
            // a top-level "department"/"manager" (an old Microsoft sample); the extension object wins if both
            if (!enterprise.has(def.get().name())) {
                enterprise.set(def.get().name(), coerced);
            }
            return;
        }
        out.set(def.get().name(), coerced);
    }

    private static void putExtension(ResourceKind kind, ObjectNode out, ObjectNode enterprise, String key,
            JsonNode value) {
        Optional<ResourceSchema> known = SchemaRegistry.extension(kind, key);
        if (known.isEmpty()) {
            out.set(key, value.deepCopy());
            return;
        }
        if (!value.isObject()) {
            throw ScimException.invalidValue("'" + known.get().id() + "' is an object of extension attributes");
        }
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
            Optional<AttributeDefinition> def = known.get().attribute(field.getKey());
            if (def.isEmpty()) {
                if (!field.getValue().isNull()) {
                    enterprise.set(field.getKey(), field.getValue().deepCopy()); // unknown: kept as sent
                }
                continue;
            }
            JsonNode coerced = ValueCoercer.attribute(def.get(), field.getValue());
            if (coerced != null && !(coerced.isContainerNode() && coerced.isEmpty())) {
                enterprise.set(def.get().name(), coerced);
            }
        }
    }

    /** id and meta are assigned by the server, password is never stored, a user's groups are read-only. */
    private static boolean isServerOwned(AttributeDefinition def) {
        return def.mutability() == AttributeDefinition.Mutability.READ_ONLY
                || def.mutability() == AttributeDefinition.Mutability.WRITE_ONLY;
    }

    private static ArrayNode schemas(JsonNode value) {
        ArrayNode out = NODES.arrayNode();
        for (JsonNode s : value.isArray() ? value : java.util.List.of(value)) {
            if (!s.isTextual()) {
                throw ScimException.invalidValue("'schemas' is an array of URNs");
            }
            addSchema(out, s.textValue().strip());
        }
        return out;
    }

    private static void addSchema(ArrayNode schemas, String urn) {
        for (JsonNode s : schemas) {
            if (s.textValue().equalsIgnoreCase(urn)) {
                return;
            }
        }
        schemas.add(urn);
    }

    private static JsonNode invalid(String detail) {
        throw ScimException.invalidValue(detail);
    }
}
