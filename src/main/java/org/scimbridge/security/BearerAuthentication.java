package org.scimbridge.security;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * A bearer token presented for one realm: a directory (the one named in the SCIM URL) or the admin API. Before
 * authentication it carries the token; once authenticated the token is erased and only the realm remains.
 */
public final class BearerAuthentication extends AbstractAuthenticationToken {

    static final String ADMIN_ROLE = "ADMIN";

    private final String directoryId;
    private String token;

    private BearerAuthentication(String directoryId, String token, boolean authenticated) {
        super(authenticated && directoryId == null ? AuthorityUtils.createAuthorityList("ROLE_" + ADMIN_ROLE)
                : List.of());
        this.directoryId = directoryId;
        this.token = token;
        setAuthenticated(authenticated);
    }

    static BearerAuthentication directoryToken(String directoryId, String token) {
        return new BearerAuthentication(directoryId, token, false);
    }

    static BearerAuthentication adminToken(String token) {
        return new BearerAuthentication(null, token, false);
    }

    BearerAuthentication authenticated() {
        return new BearerAuthentication(directoryId, null, true);
    }

    /** The directory an authentication was established for, or null if it is not an authenticated directory token. */
    public static String authenticatedDirectory(Object authentication) {
        return authentication instanceof BearerAuthentication bearer && bearer.isAuthenticated() ? bearer.directoryId
                : null;
    }

    /** The directory this token belongs to, or null for the admin token. */
    public String directoryId() {
        return directoryId;
    }

    public boolean isAdmin() {
        return directoryId == null;
    }

    @Override
    public Object getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return isAdmin() ? "admin" : "directory:" + directoryId;
    }

    @Override
    public void eraseCredentials() {
        token = null;
    }

    @Override
    public String toString() {
        return "BearerAuthentication[" + getPrincipal() + ", authenticated=" + isAuthenticated() + "]";
    }
}
