package org.scimbridge.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Checks a {@link BearerAuthentication} against its directory's token or the admin token, in constant time. */
@Component
public class BearerTokenAuthenticationProvider implements AuthenticationProvider {

    private final DirectoryTokens directoryTokens;
    private final AdminToken adminToken;

    public BearerTokenAuthenticationProvider(DirectoryTokens directoryTokens, AdminToken adminToken) {
        this.directoryTokens = directoryTokens;
        this.adminToken = adminToken;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        BearerAuthentication bearer = (BearerAuthentication) authentication;
        String token = (String) bearer.getCredentials();
        boolean valid = bearer.isAdmin() ? adminToken.matches(token)
                : directoryTokens.matches(bearer.directoryId(), token);
        if (!valid) {
            throw new BadCredentialsException(bearer.isAdmin() ? "The admin token is required"
                    : "A valid bearer token for this directory is required");
        }
        return bearer.authenticated();
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerAuthentication.class.isAssignableFrom(authentication);
    }
}
