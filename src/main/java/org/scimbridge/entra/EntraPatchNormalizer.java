package org.scimbridge.entra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.FilterParser;
import org.scimbridge.scim.filter.PatchPath;
import org.scimbridge.scim.patch.JsonObjects;
import org.scimbridge.scim.patch.PatchOpType;
import org.scimbridge.scim.patch.PatchOperation;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.scim.schema.ScimSchemas;

/**
 * Reads a PatchOp body the way Entra writes it and returns canonical operations: op in any case, Operations key in
 * any case, {@code schemas} optional, and path-less add/replace maps expanded into one operation per key.
 *
 * <p>Structure only: value rules (booleans as strings, manager shapes, stringified roles, null/"" clearing) are
 * the {@link org.scimbridge.scim.patch.PatchApplier}'s job, via {@code ValueCoercer}; here they are only noticed,
 * by {@link EntraQuirkDetector}.
 */
public final class EntraPatchNormalizer {

    /** Most operations accepted in one body; Entra sends a handful. */
    public static final int MAX_OPERATIONS = 1000;

    public NormalizedPatch normalize(ResourceKind kind, JsonNode patchBody) {
        if (patchBody == null || !patchBody.isObject()) {
            throw ScimException.invalidSyntax("A PATCH body is a JSON object with Operations");
        }
        Set<EntraQuirk> quirks = EnumSet.noneOf(EntraQuirk.class);
        checkSchemas(patchBody, quirks);
        String opsKey = JsonObjects.findKey(patchBody, "Operations");
        if (opsKey == null || !patchBody.get(opsKey).isArray()) {
            throw ScimException.invalidSyntax("A PATCH body needs an Operations array");
        }
        if (!opsKey.equals("Operations")) {
            quirks.add(EntraQuirk.OPERATIONS_KEY_CASE);
        }
        JsonNode operations = patchBody.get(opsKey);
        if (operations.size() > MAX_OPERATIONS) {
            throw ScimException.tooMany("A PATCH may carry at most " + MAX_OPERATIONS + " operations");
        }
        List<PatchOperation> out = new ArrayList<>();
        for (JsonNode operation : operations) {
            readOperation(kind, operation, out, quirks);
        }
        EntraQuirkDetector detector = new EntraQuirkDetector(kind, quirks);
        out.forEach(detector::inspect);
        return new NormalizedPatch(out, quirks);
    }

    private static void checkSchemas(JsonNode body, Set<EntraQuirk> quirks) {
        JsonNode schemas = JsonObjects.get(body, "schemas");
        boolean listed = false;
        if (schemas != null) {
            for (JsonNode s : schemas.isArray() ? schemas : List.of(schemas)) {
                listed |= s.isTextual() && s.textValue().strip().equalsIgnoreCase(ScimSchemas.PATCH_OP);
            }
        }
        if (!listed) {
            quirks.add(EntraQuirk.MISSING_PATCHOP_SCHEMA); // lenient: the request is still understood
        }
    }

    private void readOperation(ResourceKind kind, JsonNode operation, List<PatchOperation> out,
            Set<EntraQuirk> quirks) {
        if (operation == null || !operation.isObject()) {
            throw ScimException.invalidSyntax("Each operation is an object with op, path and value");
        }
        operation.fieldNames().forEachRemaining(name -> {
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                quirks.add(EntraQuirk.OPERATION_FIELD_CASE);
            }
        });
        PatchOpType op = opType(JsonObjects.get(operation, "op"), quirks);
        JsonNode value = JsonObjects.get(operation, "value");
        JsonNode pathNode = JsonObjects.get(operation, "path");
        if (pathNode != null && !pathNode.isNull() && !pathNode.isTextual()) {
            throw ScimException.invalidPath("'path' is a string");
        }
        String path = pathNode == null || pathNode.isNull() ? null : pathNode.textValue().strip();
        if (path == null || path.isEmpty() || isCoreSchemaUrn(kind, path)) {
            expandPathless(kind, op, value, out, quirks);
            return;
        }
        PatchPath parsed = FilterParser.parsePatchPath(path);
        if (parsed.attribute().attribute() == null && op != PatchOpType.REMOVE && value != null && value.isObject()) {
            expandExtension(op, parsed.attribute().schemaUrn(), value, out);
            return;
        }
        out.add(new PatchOperation(op, parsed, value));
    }

    private static PatchOpType opType(JsonNode op, Set<EntraQuirk> quirks) {
        if (op == null || !op.isTextual()) {
            throw ScimException.invalidSyntax("Each operation needs an 'op': add, replace or remove");
        }
        String text = op.textValue().strip();
        PatchOpType type = switch (text.toLowerCase(Locale.ROOT)) {
            case "add" -> PatchOpType.ADD;
            case "replace" -> PatchOpType.REPLACE;
            case "remove" -> PatchOpType.REMOVE;
            default -> throw ScimException.invalidSyntax("Unknown op '" + shorten(text)
                    + "': use add, replace or remove");
        };
        if (!text.equals(text.toLowerCase(Locale.ROOT))) {
            quirks.add(EntraQuirk.CAPITALIZED_OP);
        }
        return type;
    }

    /**
     * A path-less add/replace: each key of the value is a path (simple, dotted, URN-qualified) or a whole extension.
     * An RFC nested map such as {@code {"name":{"givenName":..}}} stays one op on {@code name}, which the applier
     * merges. {@code id}, {@code schemas} and {@code meta} keys are ignored: they are the server's.
     */
    private void expandPathless(ResourceKind kind, PatchOpType op, JsonNode value, List<PatchOperation> out,
            Set<EntraQuirk> quirks) {
        if (op == PatchOpType.REMOVE) {
            throw ScimException.noTarget("A remove operation needs a path");
        }
        if (value == null || !value.isObject()) {
            throw ScimException.invalidValue("An " + op.name().toLowerCase(Locale.ROOT)
                    + " without a path needs an object value whose keys are attribute paths");
        }
        quirks.add(EntraQuirk.PATHLESS_VALUE_MAP);
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
            String key = field.getKey().strip();
            JsonNode v = field.getValue();
            String lower = key.toLowerCase(Locale.ROOT);
            if (lower.equals("id")) {
                quirks.add(EntraQuirk.ID_IN_VALUE_MAP);
                continue;
            }
            if (lower.equals("schemas") || lower.equals("meta")) {
                continue;
            }
            if (isCoreSchemaUrn(kind, key)) {
                expandPathless(kind, op, v, out, quirks);
                continue;
            }
            PatchPath path = FilterParser.parsePatchPath(key);
            if (path.attribute().attribute() == null) {
                if (v == null || !v.isObject()) {
                    throw ScimException.invalidValue("The value of the extension '" + shorten(key)
                            + "' is an object of its attributes");
                }
                quirks.add(EntraQuirk.EXTENSION_OBJECT_IN_MAP);
                expandExtension(op, path.attribute().schemaUrn(), v, out);
                continue;
            }
            if (path.attribute().schemaUrn() != null) {
                quirks.add(EntraQuirk.URN_QUALIFIED_KEY);
            } else if (path.attribute().hasSubAttribute()) {
                quirks.add(EntraQuirk.DOTTED_KEY_IN_MAP);
            }
            out.add(new PatchOperation(op, path, v));
        }
    }

    /** {@code {"urn:...:User": {"department": "x"}}}: one operation per attribute of the extension. */
    private static void expandExtension(PatchOpType op, String urn, JsonNode value, List<PatchOperation> out) {
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) value::fields) {
            PatchPath path = FilterParser.parsePatchPath(urn + ":" + field.getKey().strip());
            if (path.attribute().attribute() == null || path.hasFilter()) {
                throw ScimException.invalidPath("'" + shorten(field.getKey()) + "' is not an attribute of " + urn);
            }
            out.add(new PatchOperation(op, path, field.getValue()));
        }
    }

    private static boolean isCoreSchemaUrn(ResourceKind kind, String path) {
        return path.equalsIgnoreCase(kind.coreSchema());
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "..." : s;
    }
}
