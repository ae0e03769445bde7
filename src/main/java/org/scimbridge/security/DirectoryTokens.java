package org.scimbridge.security;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import org.scimbridge.config.BridgeProperties;
import org.scimbridge.config.BridgeProperties.DirectoryProperties;
import org.springframework.stereotype.Component;

/**
 * The bearer token of each directory. Tokens are kept and compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, whose time does not depend on where the bytes differ; an unknown directory is
 * compared against a dummy digest so it answers in the same time. Tokens are never logged.
 */
@Component
public class DirectoryTokens {

    private static final byte[] NO_DIRECTORY = new byte[32];

    private final Map<String, byte[]> digests = new HashMap<>();

    public DirectoryTokens(BridgeProperties properties) {
        properties.directories().forEach((id, directory) -> digests.put(id, expectedDigest(id, directory)));
    }

    /** True when {@code token} is the token of {@code directoryId}; constant time in the token. */
    public boolean matches(String directoryId, String token) {
        byte[] expected = directoryId == null ? null : digests.get(directoryId);
        boolean match = MessageDigest.isEqual(BearerToken.sha256(token == null ? "" : token),
                expected == null ? NO_DIRECTORY : expected);
        return match && expected != null && token != null;
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
        return BearerToken.sha256(directory.token());
    }
}
