package org.scimbridge.store;

import org.scimbridge.scim.error.ScimException;

/** {@code If-Match} (RFC 7232 §3.1) against a resource version; weak and strong tags compare alike. */
public final class IfMatch {

    private IfMatch() {
    }

    public static void check(String header, long version) {
        if (header == null || header.isBlank()) {
            return;
        }
        for (String tag : header.split(",")) {
            String t = tag.strip();
            if (t.equals("*")) {
                return;
            }
            if (t.startsWith("W/")) {
                t = t.substring(2);
            }
            if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.equals(Long.toString(version))) {
                return;
            }
        }
        throw ScimException.preconditionFailed("If-Match " + header + " does not match the current version W/\""
                + version + "\"");
    }
}
