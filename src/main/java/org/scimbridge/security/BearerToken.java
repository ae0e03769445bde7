package org.scimbridge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The token of an {@code Authorization: Bearer <token>} header (RFC 6750 §2.1), and the digest tokens are kept as. */
final class BearerToken {

    /** The user name that goes with the admin token in a Basic login. */
    static final String BASIC_ADMIN_USER = "admin";

    private BearerToken() {
    }

    /** The token, or null when the header is absent, empty or of another scheme. */
    static String from(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = value.substring(7).strip();
        return token.isEmpty() ? null : token;
    }

    /**
     * The admin token as the password of an {@code Authorization: Basic} header (RFC 7617) whose user is
     * {@code admin}, the form a browser sends after its login prompt (Hawtio). Null when the header is not Basic;
     * the empty string, which no token matches, for another user or a header that does not decode.
     */
    static String fromBasicAdmin(String authorization) {
        if (authorization == null) {
            return null;
        }
        String value = authorization.strip();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
        int colon = decoded.indexOf(':');
        if (colon < 0 || !decoded.substring(0, colon).equals(BASIC_ADMIN_USER)) {
            return "";
        }
        return decoded.substring(colon + 1);
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
