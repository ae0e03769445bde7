package org.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.CompareOp;
import org.scimbridge.scim.filter.Filter;
import org.scimbridge.scim.schema.AttributeDefinition;

/**
 * PATCH on {@code attr[filter]} and {@code attr[filter].sub} (REPORT §3.4 rule 4). Entra sends add/replace on
 * {@code emails[type eq "work"].value} whether or not a work email exists, so add/replace upserts: with no
 * matching element it creates one from the filter's {@code eq} terms. Because each op works on the same copy,
 * several ops on one type in a request build one element.
 */
final class FilteredElementPatcher {

    /** Sub-attributes that only describe an element: one holding nothing else is dropped. */
    private static final List<String> LABELS = List.of("type", "primary");

    private final ObjectNode root;
    private final PatchTarget target;
    private final ElementFilter filter;

    FilteredElementPatcher(ObjectNode root, PatchTarget target) {
        this.root = root;
        this.target = target;
        this.filter = new ElementFilter(target.definition());
    }

    void apply(PatchOperation op) {
        boolean clear = op.op() == PatchOpType.REMOVE || JsonObjects.isClear(op.value());
        ObjectNode container = target.container(root, !clear);
        if (container == null) {
            return;
        }
        JsonNode current = JsonObjects.get(container, target.attribute());
        ArrayNode elements = current instanceof ArrayNode a ? a : JsonObjects.array();
        List<ObjectNode> matches = matching(elements);
        if (clear) {
            if (target.subAttribute() == null) {
                removeElements(elements, matches, false);
            } else {
                matches.forEach(m -> JsonObjects.removeAll(m, target.subAttribute()));
                removeElements(elements, matches, true);
            }
        } else {
            if (matches.isEmpty()) {
                matches = List.of(createFromFilter(elements));
            } else if (matches.size() > 1 && target.subAttribute() != null) {
                // duplicate types (Microsoft's own tests POST two work emails): the primary one is the target
                List<ObjectNode> primary = matches.stream().filter(AttributePatcher::isPrimary).limit(1).toList();
                matches = primary.isEmpty() ? matches : primary;
            }
            for (ObjectNode element : matches) {
                set(element, op.value());
            }
            if (matches.stream().anyMatch(AttributePatcher::isPrimary)) {
                keepOnePrimary(elements, matches.get(0));
            }
        }
        if (elements.isEmpty()) {
            JsonObjects.removeAll(container, target.attribute());
        } else if (current != elements) {
            JsonObjects.put(container, target.attribute(), elements);
        }
    }

    /** Sets (value non-null) or removes the target's sub-attribute on every element, for a path without filter. */
    static void setOnElements(PatchTarget target, ArrayNode elements, JsonNode value) {
        for (int i = elements.size() - 1; i >= 0; i--) {
            if (!(elements.get(i) instanceof ObjectNode element)) {
                continue;
            }
            if (value == null) {
                JsonObjects.removeAll(element, target.subAttribute());
                if (onlyLabels(element)) {
                    elements.remove(i);
                }
            } else {
                JsonObjects.put(element, target.subAttribute(),
                        ValueCoercer.subAttribute(target.subDefinition(), value));
            }
        }
    }

    private List<ObjectNode> matching(ArrayNode elements) {
        List<ObjectNode> matches = new ArrayList<>();
        for (JsonNode e : elements) {
            if (e instanceof ObjectNode element && filter.matches(target.filter(), element)) {
                matches.add(element);
            }
        }
        if (matches.isEmpty() && elements.size() == 1 && elements.get(0) instanceof ObjectNode only
                && JsonObjects.get(only, "type") == null && isTypeEqWork(target.filter())) {
            // Entra assumes a lone untyped email/phone/address is the "work" one (REPORT §3.4 rule 4)
            only.set("type", TextNode.valueOf("work"));
            matches.add(only);
        }
        return matches;
    }

    private void set(ObjectNode element, JsonNode value) {
        if (target.subAttribute() != null) {
            JsonObjects.put(element, target.subAttribute(),
                    ValueCoercer.subAttribute(target.subDefinition(), value));
            return;
        }
        if (value.isArray() && value.size() == 1 && value.get(0).isObject()) {
            // the element wrapped in an array, as SAP's SCIMono sends it: the same single value
            value = value.get(0);
        }
        if (!value.isObject()) {
            throw ScimException.invalidValue("The value for '" + target.attribute()
                    + "[...]' is an object with the element's sub-attributes");
        }
        JsonNode coerced = target.definition() == null ? value : ValueCoercer.element(target.definition(), value);
        for (Map.Entry<String, JsonNode> field : JsonObjects.fields(coerced)) {
            JsonObjects.put(element, field.getKey(), field.getValue().deepCopy());
        }
    }

    /** The element an upsert creates: the {@code eq} terms of the filter ({@code {"type":"work"}}). */
    private ObjectNode createFromFilter(ArrayNode elements) {
        ObjectNode seed = JsonObjects.object();
        if (!seedFrom(target.filter(), seed)) {
            throw ScimException.noTarget("No element of '" + target.attribute()
                    + "' matches the filter, and it does not say what a new one would be (use eq)");
        }
        elements.add(seed);
        return seed;
    }

    private boolean seedFrom(Filter f, ObjectNode seed) {
        if (f instanceof Filter.And and) {
            return seedFrom(and.left(), seed) && seedFrom(and.right(), seed);
        }
        if (f instanceof Filter.Compare c && c.op() == CompareOp.EQ && !c.path().hasSubAttribute()
                && c.path().schemaUrn() == null && c.value().isValueNode() && !c.value().isNull()) {
            AttributeDefinition def = target.definition();
            AttributeDefinition subDef = def == null ? null : def.subAttribute(c.path().attribute()).orElse(null);
            String name = subDef == null ? c.path().attribute() : subDef.name();
            seed.set(name, ValueCoercer.subAttribute(subDef, c.value()));
            return true;
        }
        return false;
    }

    private static boolean isTypeEqWork(Filter f) {
        return f instanceof Filter.Compare c && c.op() == CompareOp.EQ && !c.path().hasSubAttribute()
                && "type".equalsIgnoreCase(c.path().attribute()) && c.value().isTextual()
                && "work".equalsIgnoreCase(c.value().textValue());
    }

    private static void removeElements(ArrayNode elements, List<ObjectNode> doomed, boolean onlyIfEmptied) {
        for (int i = elements.size() - 1; i >= 0; i--) {
            JsonNode e = elements.get(i);
            if (doomed.stream().anyMatch(d -> d == e) && (!onlyIfEmptied || onlyLabels(e))) {
                elements.remove(i);
            }
        }
    }

    private static boolean onlyLabels(JsonNode element) {
        for (String key : (Iterable<String>) element::fieldNames) {
            if (LABELS.stream().noneMatch(key::equalsIgnoreCase)) {
                return false;
            }
        }
        return true;
    }

    private static void keepOnePrimary(ArrayNode elements, ObjectNode keep) {
        for (JsonNode e : elements) {
            if (e != keep && e instanceof ObjectNode o && AttributePatcher.isPrimary(o)) {
                o.set("primary", BooleanNode.FALSE);
            }
        }
    }
}
