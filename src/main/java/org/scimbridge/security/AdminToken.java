package org.scimbridge.security;

import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code scim-bridge.admin-token}: the credential of the admin API ({@code /admin/**}) and, when the management
 * port is bound beyond loopback, of the management endpoints. Kept as a digest, compared in constant time. Without
 * it the admin API does not exist ({@link ConditionalOnAdminToken}).
 */
@Component
public class AdminToken {

    static final String PROPERTY = "scim-bridge.admin-token";

    private final byte[] digest;

    public AdminToken(@Value("${" + PROPERTY + ":}") String token) {
        this.digest = isSet(token) ? BearerToken.sha256(token) : null;
    }

    public boolean enabled() {
        return digest != null;
    }

    public boolean matches(String token) {
        if (digest == null) {
            return false;
        }
        boolean match = MessageDigest.isEqual(BearerToken.sha256(token == null ? "" : token), digest);
        return match && token != null;
    }

    static boolean isSet(String token) {
        return token != null && !token.isBlank();
    }
}
