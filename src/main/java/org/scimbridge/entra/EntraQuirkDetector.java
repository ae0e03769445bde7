package org.scimbridge.entra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;
import org.scimbridge.scim.filter.AttributePath;
import org.scimbridge.scim.filter.PatchPath;
import org.scimbridge.scim.patch.JsonObjects;
import org.scimbridge.scim.patch.PatchOpType;
import org.scimbridge.scim.patch.PatchOperation;
import org.scimbridge.scim.patch.ValueCoercer;
import org.scimbridge.scim.schema.AttributeDefinition;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.scim.schema.SchemaRegistry;

/** Notices the value- and path-level quirks of a canonical operation. It only observes; it changes nothing. */
final class EntraQuirkDetector {

    private final ResourceKind kind;
    private final Set<EntraQuirk> quirks;

    EntraQuirkDetector(ResourceKind kind, Set<EntraQuirk> quirks) {
        this.kind = kind;
        this.quirks = quirks;
    }

    void inspect(PatchOperation op) {
        PatchPath path = op.path();
        AttributePath attribute = path.attribute();
        JsonNode value = op.value();
        if (attribute.attribute() == null) {
            return;
        }
        if (kind == ResourceKind.GROUP && attribute.schemaUrn() == null
                && "members".equalsIgnoreCase(attribute.attribute())) {
            inspectMembers(op);
            return;
        }
        if (attribute.schemaUrn() != null) {
            quirks.add(EntraQuirk.URN_QUALIFIED_PATH);
        } else if (SchemaRegistry.isEnterpriseOnly(kind, attribute)) {
            quirks.add(EntraQuirk.BARE_EXTENSION_PATH);
        }
        Optional<AttributeDefinition> def = SchemaRegistry.attribute(kind, attribute.withoutSubAttribute());
        String sub = path.hasFilter() ? path.subAttribute() : attribute.subAttribute();
        Optional<AttributeDefinition> subDef = sub == null ? Optional.empty()
                : def.flatMap(d -> d.subAttribute(sub));
        if (def.isPresent() && !def.get().name().equals(attribute.attribute())
                || subDef.isPresent() && !subDef.get().name().equals(sub)) {
            quirks.add(EntraQuirk.ATTRIBUTE_NAME_CASE);
        }
        if (op.op() != PatchOpType.REMOVE) {
            if (value.isNull()) {
                quirks.add(EntraQuirk.NULL_VALUE_CLEAR);
            } else if (value.isTextual() && value.textValue().isEmpty()) {
                quirks.add(EntraQuirk.EMPTY_STRING_CLEAR);
            }
            if (path.hasFilter() && sub != null) {
                quirks.add(EntraQuirk.FILTERED_PATH_UPSERT);
            }
        }
        AttributeDefinition leaf = subDef.orElse(sub == null ? def.orElse(null) : null);
        if (leaf != null && leaf.type() == AttributeDefinition.Type.BOOLEAN && ValueCoercer.isStringBoolean(value)) {
            quirks.add(EntraQuirk.BOOLEAN_AS_STRING);
        }
        if (def.isPresent() && ValueCoercer.isManager(def.get()) && (sub == null || sub.equalsIgnoreCase("value"))) {
            if (value.isTextual() && !value.textValue().isEmpty()) {
                quirks.add(EntraQuirk.MANAGER_AS_STRING);
            } else if (value.isArray()) {
                quirks.add(EntraQuirk.MANAGER_AS_ARRAY);
            }
        }
        if (def.isPresent() && "roles".equals(def.get().name()) && sub == null) {
            for (JsonNode element : value.isArray() ? value : java.util.List.of(value)) {
                JsonNode v = JsonObjects.get(element, "value");
                if (v != null && v.isTextual() && v.textValue().strip().startsWith("{")) {
                    quirks.add(EntraQuirk.ROLES_STRINGIFIED_VALUE);
                }
            }
        }
    }

    private void inspectMembers(PatchOperation op) {
        if (op.op() == PatchOpType.REPLACE) {
            quirks.add(EntraQuirk.MEMBERS_REPLACE);
        } else if (op.op() == PatchOpType.REMOVE) {
            if (op.path().hasFilter()) {
                quirks.add(EntraQuirk.MEMBER_REMOVE_BY_FILTER);
            } else if (!JsonObjects.isEmpty(op.value())) {
                quirks.add(EntraQuirk.MEMBER_REMOVE_BY_VALUE);
            }
        }
    }
}
