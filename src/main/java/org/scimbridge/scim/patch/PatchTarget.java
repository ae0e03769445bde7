package org.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.AttributePath;
import org.scimbridge.scim.filter.Filter;
import org.scimbridge.scim.filter.PatchPath;
import org.scimbridge.scim.schema.AttributeDefinition;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.scim.schema.ResourceSchema;
import org.scimbridge.scim.schema.SchemaRegistry;
import org.scimbridge.scim.schema.ScimSchemas;

/**
 * Where a PATCH path points inside a resource node, with canonical names.
 *
 * @param extensionUrn  the key of the extension object holding the attribute, or null for the resource root
 * @param attribute     the attribute name (canonical when known); null when the path names the whole extension
 * @param definition    the attribute's definition, or null for a custom extension attribute
 * @param subAttribute  the sub-attribute name (canonical when known), or null
 * @param subDefinition the sub-attribute's definition, or null
 * @param filter        the value filter of {@code attr[filter]}, or null
 */
record PatchTarget(String extensionUrn, String attribute, AttributeDefinition definition, String subAttribute,
        AttributeDefinition subDefinition, Filter filter) {

    static PatchTarget resolve(ResourceKind kind, ObjectNode root, PatchPath path) {
        AttributePath a = path.attribute();
        String sub = path.hasFilter() ? path.subAttribute() : a.subAttribute();
        if (a.attribute() == null) {
            if (a.schemaUrn() == null || a.schemaUrn().toLowerCase(Locale.ROOT).contains(":core:")) {
                throw ScimException.invalidPath("'" + a + "' is not a path to an attribute");
            }
            return new PatchTarget(extensionKey(kind, root, a.schemaUrn()), null, null, null, null, null);
        }
        String urn;
        AttributeDefinition def;
        if (a.schemaUrn() != null) {
            urn = extensionKey(kind, root, a.schemaUrn());
            Optional<ResourceSchema> known = SchemaRegistry.extension(kind, a.schemaUrn());
            def = known.flatMap(s -> s.attribute(a.attribute())).orElse(null);
        } else {
            def = SchemaRegistry.attribute(kind, AttributePath.of(a.attribute())).orElseThrow(
                    () -> ScimException.invalidPath("'" + a.attribute() + "' is not an attribute of a "
                            + kind.resourceType()));
            urn = SchemaRegistry.isEnterpriseOnly(kind, AttributePath.of(a.attribute()))
                    ? ScimSchemas.ENTERPRISE_USER : null;
        }
        String name = def != null ? def.name() : existingOr(JsonObjects.get(root, urn), a.attribute());
        if (path.hasFilter() && def != null && !def.multiValued()) {
            throw ScimException.invalidPath("'" + name + "' is single-valued: a value filter does not apply");
        }
        AttributeDefinition subDef = null;
        if (sub != null && def != null) {
            if (!def.isComplex()) {
                throw ScimException.invalidPath("'" + name + "' has no sub-attributes");
            }
            subDef = def.subAttribute(sub).orElseThrow(() -> ScimException.invalidPath(
                    "'" + sub + "' is not a sub-attribute of '" + name + "'"));
        }
        return new PatchTarget(urn, name, def, subDef != null ? subDef.name() : sub, subDef, path.filter());
    }

    /** The object holding the attribute; created (and the URN listed in {@code schemas}) when asked to. */
    ObjectNode container(ObjectNode root, boolean create) {
        if (extensionUrn == null) {
            return root;
        }
        String storedKey = JsonObjects.findKey(root, extensionUrn);
        JsonNode existing = storedKey == null ? null : root.get(storedKey);
        if (existing instanceof ObjectNode object) {
            if (!storedKey.equals(extensionUrn)) { // stored in another case: move it under the canonical URN
                root.remove(storedKey);
                root.set(extensionUrn, object);
            }
            return object;
        }
        if (!create) {
            return null;
        }
        ObjectNode created = JsonObjects.object();
        root.set(extensionUrn, created);
        Schemas.add(root, extensionUrn);
        return created;
    }

    /** Drops an extension object that no longer holds anything, and its URN from {@code schemas}. */
    void pruneContainer(ObjectNode root) {
        if (extensionUrn != null && root.get(extensionUrn) instanceof ObjectNode o && o.isEmpty()) {
            root.remove(extensionUrn);
            Schemas.remove(root, extensionUrn);
        }
    }

    boolean isReadOnly() {
        return definition != null && definition.mutability() == AttributeDefinition.Mutability.READ_ONLY;
    }

    boolean isWriteOnly() {
        return definition != null && definition.mutability() == AttributeDefinition.Mutability.WRITE_ONLY;
    }

    /** The key an extension is stored under: the canonical URN when known, else the stored key, else as sent. */
    private static String extensionKey(ResourceKind kind, ObjectNode root, String urn) {
        Optional<ResourceSchema> known = SchemaRegistry.extension(kind, urn);
        if (known.isPresent()) {
            return known.get().id();
        }
        return existingOr(root, urn);
    }

    private static String existingOr(JsonNode object, String name) {
        String key = JsonObjects.findKey(object, name);
        return key != null ? key : name;
    }

    /** The {@code schemas} array of a resource. */
    static final class Schemas {
        private Schemas() {
        }

        static void add(ObjectNode root, String urn) {
            JsonNode schemas = root.get("schemas");
            ArrayNode array = schemas instanceof ArrayNode existing ? existing : root.putArray("schemas");
            for (JsonNode s : array) {
                if (s.isTextual() && s.textValue().equalsIgnoreCase(urn)) {
                    return;
                }
            }
            array.add(urn);
        }

        static void remove(ObjectNode root, String urn) {
            if (root.get("schemas") instanceof ArrayNode array) {
                for (int i = array.size() - 1; i >= 0; i--) {
                    if (array.get(i).isTextual() && array.get(i).textValue().equalsIgnoreCase(urn)) {
                        array.remove(i);
                    }
                }
            }
        }
    }
}
