package org.scimbridge.scim.filter;

import java.util.Locale;

/**
 * {@code [schemaUrn:]attribute[.subAttribute]} as RFC 7644 §3.10 writes it.
 * {@code schemaUrn} is null for core attributes; {@code attribute} is null only when the path names a whole
 * extension schema (a PATCH path such as {@code urn:...:enterprise:2.0:User}).
 */
public record AttributePath(String schemaUrn, String attribute, String subAttribute) {

    public AttributePath {
        if (attribute == null && subAttribute != null) {
            throw new IllegalArgumentException("a sub-attribute needs an attribute");
        }
    }

    public static AttributePath of(String attribute) {
        return new AttributePath(null, attribute, null);
    }

    public static AttributePath of(String attribute, String subAttribute) {
        return new AttributePath(null, attribute, subAttribute);
    }

    public boolean hasSubAttribute() {
        return subAttribute != null;
    }

    public AttributePath withSubAttribute(String sub) {
        return new AttributePath(schemaUrn, attribute, sub);
    }

    public AttributePath withoutSubAttribute() {
        return new AttributePath(schemaUrn, attribute, null);
    }

    /** Lower-case {@code attribute[.sub]} without the schema: the key attribute names are compared by. */
    public String key() {
        String a = attribute == null ? "" : attribute.toLowerCase(Locale.ROOT);
        return subAttribute == null ? a : a + "." + subAttribute.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (schemaUrn != null) {
            b.append(schemaUrn);
            if (attribute != null) {
                b.append(':');
            }
        }
        if (attribute != null) {
            b.append(attribute);
        }
        if (subAttribute != null) {
            b.append('.').append(subAttribute);
        }
        return b.toString();
    }
}
