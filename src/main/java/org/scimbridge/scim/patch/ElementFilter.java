package org.scimbridge.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Locale;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.AttributePath;
import org.scimbridge.scim.filter.CompareOp;
import org.scimbridge.scim.filter.Filter;
import org.scimbridge.scim.schema.AttributeDefinition;

/**
 * Evaluates the value filter of a PATCH path ({@code emails[type eq "work"]}) against one element of a
 * multi-valued attribute, in Java. Strings compare case-insensitively unless the sub-attribute is caseExact.
 */
final class ElementFilter {

    private final AttributeDefinition parent;

    /** @param parent the multi-valued attribute whose elements are tested, or null when unknown */
    ElementFilter(AttributeDefinition parent) {
        this.parent = parent;
    }

    boolean matches(Filter filter, JsonNode element) {
        if (filter instanceof Filter.And and) {
            return matches(and.left(), element) && matches(and.right(), element);
        }
        if (filter instanceof Filter.Or or) {
            return matches(or.left(), element) || matches(or.right(), element);
        }
        if (filter instanceof Filter.Not not) {
            return !matches(not.inner(), element);
        }
        if (filter instanceof Filter.Present present) {
            JsonNode v = valueAt(element, present.path());
            return v != null && !JsonObjects.isEmpty(v);
        }
        if (filter instanceof Filter.Compare compare) {
            return compare(compare, element);
        }
        throw ScimException.invalidFilter("A filter inside a PATCH path cannot nest another value filter");
    }

    private boolean compare(Filter.Compare c, JsonNode element) {
        JsonNode actual = valueAt(element, c.path());
        if (actual != null && actual.isArray()) {
            for (JsonNode item : actual) {
                if (compareOne(c, item)) {
                    return true;
                }
            }
            return c.op() == CompareOp.NE && actual.isEmpty();
        }
        return compareOne(c, actual);
    }

    private boolean compareOne(Filter.Compare c, JsonNode actual) {
        JsonNode expected = c.value();
        boolean absent = actual == null || actual.isNull();
        if (c.op() == CompareOp.EQ || c.op() == CompareOp.NE) {
            boolean equal = expected.isNull() ? absent : !absent && equal(c.path(), actual, expected);
            return c.op() == CompareOp.EQ ? equal : !equal;
        }
        if (absent || expected.isNull() || actual.isContainerNode()) {
            return false;
        }
        if (c.op() == CompareOp.CO || c.op() == CompareOp.SW || c.op() == CompareOp.EW) {
            String a = text(c.path(), actual);
            String e = text(c.path(), expected);
            return switch (c.op()) {
                case CO -> a.contains(e);
                case SW -> a.startsWith(e);
                default -> a.endsWith(e);
            };
        }
        int order = order(c.path(), actual, expected);
        return switch (c.op()) {
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            default -> order <= 0;
        };
    }

    private boolean equal(AttributePath path, JsonNode actual, JsonNode expected) {
        if (actual.isContainerNode()) {
            return false;
        }
        BigDecimal a = number(actual);
        BigDecimal e = number(expected);
        if (a != null && e != null && (actual.isNumber() || expected.isNumber())) {
            return a.compareTo(e) == 0;
        }
        return text(path, actual).equals(text(path, expected));
    }

    private int order(AttributePath path, JsonNode actual, JsonNode expected) {
        BigDecimal a = number(actual);
        BigDecimal e = number(expected);
        if (a != null && e != null) {
            return a.compareTo(e);
        }
        return text(path, actual).compareTo(text(path, expected));
    }

    private String text(AttributePath path, JsonNode node) {
        String s = node.asText();
        return caseExact(path) ? s : s.toLowerCase(Locale.ROOT);
    }

    private boolean caseExact(AttributePath path) {
        if (parent == null) {
            return false;
        }
        return parent.subAttribute(path.attribute()).map(AttributeDefinition::caseExact).orElse(false);
    }

    private static BigDecimal number(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual() && node.textValue().length() < 40) {
            try {
                return new BigDecimal(node.textValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static JsonNode valueAt(JsonNode element, AttributePath path) {
        JsonNode v = JsonObjects.get(element, path.attribute());
        if (v != null && path.hasSubAttribute()) {
            v = JsonObjects.get(v, path.subAttribute());
        }
        return v;
    }
}
