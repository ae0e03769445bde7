package org.scimbridge.scim.filter;

/**
 * A PATCH path (RFC 7644 §3.5.2): {@code attrPath} or {@code attr[valFilter][.subAttr]}.
 * When {@code filter} is set, {@code attribute} has no sub-attribute and {@code subAttribute} is the part after
 * the closing bracket.
 */
public record PatchPath(AttributePath attribute, Filter filter, String subAttribute) {

    public static PatchPath of(AttributePath attribute) {
        return new PatchPath(attribute, null, null);
    }

    public boolean hasFilter() {
        return filter != null;
    }
}
