package org.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.FilterParser;
import org.scimbridge.scim.filter.PatchPath;
import org.scimbridge.scim.schema.AttributeDefinition;
import org.scimbridge.scim.schema.ResourceKind;

/**
 * Applies one non-members PATCH operation to a working copy of a resource (RFC 7644 §3.5.2), with the Entra
 * tolerances of REPORT §3.4: add overwrites single values, null/"" clear, remove of an absent attribute is a no-op.
 */
final class AttributePatcher {

    private final ResourceKind kind;
    private final ObjectNode root;

    AttributePatcher(ResourceKind kind, ObjectNode root) {
        this.kind = kind;
        this.root = root;
    }

    void apply(PatchOperation op) {
        PatchTarget target = PatchTarget.resolve(kind, root, op.path());
        if (target.attribute() == null) {
            applyToExtension(target, op);
        } else if (target.isWriteOnly()) {
            return; // password: the bridge never stores one, so setting or clearing it changes nothing here
        } else if (target.isReadOnly()) {
            checkUnchanged(target, op);
        } else if (target.filter() != null) {
            new FilteredElementPatcher(root, target).apply(op);
        } else if (target.subAttribute() != null) {
            applyToSubAttribute(target, op);
        } else {
            applyToAttribute(target, op);
        }
        target.pruneContainer(root);
    }

    /** {@code path: "urn:...:User"}: remove drops the extension; add/replace set each member as its own path. */
    private void applyToExtension(PatchTarget target, PatchOperation op) {
        JsonNode value = op.value();
        if (op.op() == PatchOpType.REMOVE || JsonObjects.isClear(value)) {
            if (JsonObjects.removeAll(root, target.extensionUrn())) {
                PatchTarget.Schemas.remove(root, target.extensionUrn());
            }
            return;
        }
        if (!value.isObject()) {
            throw ScimException.invalidValue("The value for the extension '" + target.extensionUrn()
                    + "' is an object of its attributes");
        }
        for (Map.Entry<String, JsonNode> field : JsonObjects.fields(value)) {
            PatchPath path = PatchPath.of(FilterParser.parseAttributePath(target.extensionUrn() + ":" + field.getKey()));
            if (path.attribute().attribute() == null) {
                throw ScimException.invalidPath("'" + field.getKey() + "' is not an attribute name");
            }
            apply(new PatchOperation(op.op(), path, field.getValue()));
        }
    }

    /**
     * id, meta: a request may repeat the current value, but not change it (400 mutability). User.groups is
     * computed from group membership and never held in the resource, so any operation on it is refused.
     */
    private void checkUnchanged(PatchTarget target, PatchOperation op) {
        if (target.attribute().equalsIgnoreCase("groups")) {
            throw ScimException.mutability("'groups' is read-only: change membership through the group");
        }
        ObjectNode container = target.container(root, false);
        JsonNode current = container == null ? null : JsonObjects.get(container, target.attribute());
        if (current != null && target.subAttribute() != null) {
            current = JsonObjects.get(current, target.subAttribute());
        }
        boolean unchanged = op.op() == PatchOpType.REMOVE || JsonObjects.isClear(op.value())
                ? current == null
                : target.filter() == null && current != null && current.equals(op.value());
        if (!unchanged) {
            throw ScimException.mutability("'" + target.attribute() + "' is read-only");
        }
    }

    private void applyToAttribute(PatchTarget target, PatchOperation op) {
        AttributeDefinition def = target.definition();
        String name = target.attribute();
        JsonNode value = op.value();
        if (op.op() == PatchOpType.REMOVE) {
            ObjectNode container = target.container(root, false);
            if (container == null) {
                return;
            }
            if (def != null && def.multiValued() && def.isComplex() && !JsonObjects.isEmpty(value)) {
                removeListedElements(container, def, value);
            } else {
                JsonObjects.removeAll(container, name);
            }
            return;
        }
        if (JsonObjects.isClear(value)) {
            ObjectNode container = target.container(root, false);
            if (container != null) {
                JsonObjects.removeAll(container, name);
            }
            return;
        }
        if (def == null) {
            applyVerbatim(target, op);
        } else if (def.multiValued()) {
            ArrayNode incoming = ValueCoercer.multiValued(def, value);
            ObjectNode container = target.container(root, true);
            if (op.op() == PatchOpType.REPLACE) {
                JsonObjects.put(container, name, incoming);
            } else {
                appendDistinct(container, name, incoming);
            }
            if (container.get(name) instanceof ArrayNode a && a.isEmpty()) {
                container.remove(name);
            }
        } else if (ValueCoercer.isManager(def)) {
            setOrClear(target, ValueCoercer.manager(value));
        } else if (def.isComplex()) {
            mergeComplex(target, def, value);
        } else {
            JsonObjects.put(target.container(root, true), name, ValueCoercer.simple(def, value));
        }
    }

    /** A custom extension attribute: stored as sent; add to an existing array appends. */
    private void applyVerbatim(PatchTarget target, PatchOperation op) {
        ObjectNode container = target.container(root, true);
        JsonNode existing = container.get(target.attribute());
        if (op.op() == PatchOpType.ADD && existing instanceof ArrayNode && op.value().isArray()) {
            appendDistinct(container, target.attribute(), (ArrayNode) op.value().deepCopy());
        } else {
            container.set(target.attribute(), op.value().deepCopy());
        }
    }

    /**
     * RFC 7644 §3.5.2.1/3: add or replace with an object on a complex attribute sets the sub-attributes it names
     * and leaves the others alone; a null or "" sub-attribute clears that one.
     */
    private void mergeComplex(PatchTarget target, AttributeDefinition def, JsonNode value) {
        if (!value.isObject()) {
            throw ScimException.invalidValue("'" + def.name() + "' is complex: an object with sub-attributes, not "
                    + ValueCoercer.shortText(value));
        }
        ObjectNode container = target.container(root, true);
        ObjectNode current = container.get(def.name()) instanceof ObjectNode o ? o : JsonObjects.object();
        for (Map.Entry<String, JsonNode> field : JsonObjects.fields(value)) {
            AttributeDefinition subDef = def.subAttribute(field.getKey()).orElse(null);
            String sub = subDef == null ? field.getKey() : subDef.name();
            if (JsonObjects.isClear(field.getValue())) {
                JsonObjects.removeAll(current, sub);
            } else {
                JsonObjects.put(current, sub, ValueCoercer.subAttribute(subDef, field.getValue()));
            }
        }
        if (current.isEmpty()) {
            JsonObjects.removeAll(container, def.name());
        } else {
            JsonObjects.put(container, def.name(), current);
        }
    }

    /** {@code name.givenName}, {@code manager.value}, or (without a filter) a sub-attribute of every element. */
    private void applyToSubAttribute(PatchTarget target, PatchOperation op) {
        AttributeDefinition def = target.definition();
        if (ValueCoercer.isManager(def) && "value".equals(target.subAttribute())) {
            setOrClear(target, op.op() == PatchOpType.REMOVE ? null : ValueCoercer.manager(op.value()));
            return;
        }
        boolean clear = op.op() == PatchOpType.REMOVE || JsonObjects.isClear(op.value());
        ObjectNode container = target.container(root, !clear);
        if (container == null) {
            return;
        }
        JsonNode current = JsonObjects.get(container, target.attribute());
        if (current instanceof ArrayNode elements && (def == null || def.multiValued())) {
            FilteredElementPatcher.setOnElements(target, elements, clear ? null : op.value());
            if (elements.isEmpty()) {
                JsonObjects.removeAll(container, target.attribute());
            }
            return;
        }
        if (def != null && def.multiValued()) {
            if (!clear) {
                ArrayNode created = JsonObjects.array();
                created.addObject().set(target.subAttribute(),
                        ValueCoercer.subAttribute(target.subDefinition(), op.value()));
                JsonObjects.put(container, target.attribute(), created);
            }
            return;
        }
        ObjectNode complex = current instanceof ObjectNode o ? o : JsonObjects.object();
        if (clear) {
            JsonObjects.removeAll(complex, target.subAttribute());
        } else {
            JsonObjects.put(complex, target.subAttribute(),
                    ValueCoercer.subAttribute(target.subDefinition(), op.value()));
        }
        if (complex.isEmpty()) {
            JsonObjects.removeAll(container, target.attribute());
        } else {
            JsonObjects.put(container, target.attribute(), complex);
        }
    }

    private void setOrClear(PatchTarget target, JsonNode value) {
        ObjectNode container = target.container(root, value != null);
        if (container == null) {
            return;
        }
        if (value == null) {
            JsonObjects.removeAll(container, target.attribute());
        } else {
            JsonObjects.put(container, target.attribute(), value);
        }
    }

    /** Appends the elements not already present (exact duplicates are skipped); one primary at most. */
    private static void appendDistinct(ObjectNode container, String name, ArrayNode incoming) {
        String key = JsonObjects.findKey(container, name);
        ArrayNode target = key != null && container.get(key) instanceof ArrayNode a ? a : JsonObjects.array();
        for (JsonNode element : incoming) {
            boolean duplicate = false;
            for (JsonNode existing : target) {
                duplicate |= existing.equals(element);
            }
            if (duplicate) {
                continue;
            }
            if (isPrimary(element)) {
                clearPrimary(target);
            }
            target.add(element);
        }
        JsonObjects.put(container, name, target);
    }

    /** {@code remove emails [{"value":"x"}]}: drops the elements whose value matches one listed. */
    private static void removeListedElements(ObjectNode container, AttributeDefinition def, JsonNode value) {
        JsonNode current = JsonObjects.get(container, def.name());
        if (!(current instanceof ArrayNode elements)) {
            return;
        }
        ArrayNode listed = ValueCoercer.multiValued(def, value);
        for (int i = elements.size() - 1; i >= 0; i--) {
            JsonNode element = elements.get(i);
            for (JsonNode doomed : listed) {
                JsonNode v = doomed.get("value");
                if (v != null ? v.equals(element.get("value")) : doomed.equals(element)) {
                    elements.remove(i);
                    break;
                }
            }
        }
        if (elements.isEmpty()) {
            JsonObjects.removeAll(container, def.name());
        }
    }

    static boolean isPrimary(JsonNode element) {
        JsonNode p = element.get("primary");
        return p != null && (p.isBoolean() ? p.booleanValue() : p.isTextual() && p.textValue().strip()
                .equalsIgnoreCase("true"));
    }

    static void clearPrimary(ArrayNode elements) {
        for (JsonNode e : elements) {
            if (e instanceof ObjectNode o && isPrimary(o)) {
                o.set("primary", BooleanNode.FALSE);
            }
        }
    }
}
