package org.scimbridge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.scimbridge.config.BridgeProperties;
import org.scimbridge.config.BridgeProperties.DirectoryProperties;
import org.scimbridge.scim.error.ScimException;
import org.springframework.stereotype.Component;

/**
 * Checks {@code Authorization: Bearer <token>} against the token of the directory named in the URL. Tokens are
 * kept and compared as SHA-256 digests with {@link MessageDigest#isEqual}, whose time does not depend on where
 * the bytes differ; an unknown directory is compared against a dummy digest so it answers in the same time.
 * Tokens are never logged.
 */
@Component
public class DirectoryTokens {

    private static final byte[] NO_DIRECTORY = new byte[32];

    private final Map<String, byte[]> digests = new HashMap<>();

    public DirectoryTokens(BridgeProperties properties) {
        properties.directories().forEach((id, directory) -> digests.put(id, expectedDigest(id, directory)));
    }

    /** Returns normally when the header carries the directory's token; otherwise 401. */
    public void authenticate(String directoryId, String authorization) {
        String token = bearerToken(authorization);
        byte[] expected = directoryId == null ? null : digests.get(directoryId);
        boolean match = MessageDigest.isEqual(sha256(token == null ? "" : token),
                expected == null ? NO_DIRECTORY : expected);
        if (!match || expected == null || token == null) {
            throw ScimException.unauthorized("A valid bearer token for this directory is required");
        }
    }

    static String bearerToken(String authorization) {
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

    private static byte[] expectedDigest(String id, DirectoryProperties directory) {
        if (directory.tokenSha256() != null && !directory.tokenSha256().isBlank()) {
            byte[] digest = HexFormat.of().parseHex(directory.tokenSha256().strip().toLowerCase());
            if (digest.length != 32) {
                throw new IllegalStateException("Directory " + id + ": token-sha256 must be 64 hex digits");
            }
            return digest;
        }
        if (directory.token() == null || directory.token().isBlank()) {
            throw new IllegalStateException("Directory " + id + " needs a token or a token-sha256");
        }
        return sha256(directory.token());
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
