package org.scimbridge.scim.filter;

import java.util.Locale;

public enum CompareOp {
    EQ, NE, CO, SW, EW, GT, GE, LT, LE;

    /** The operator for a token such as {@code eq} or {@code EQ}, or null when it is none. */
    public static CompareOp parse(String token) {
        try {
            return valueOf(token.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
