package org.scimbridge.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import org.scimbridge.scim.error.ScimErrorRenderer;
import org.scimbridge.web.ScimMediaType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards every {@code /admin/**} endpoint (sink status, parked changes, replay, reconcile) with
 * {@code Authorization: Bearer <scim-bridge.admin-token>}, compared in constant time. Without a configured admin
 * token the endpoints are off (403): they show error texts with user data and can rewrite a directory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
public class AdminTokenFilter extends OncePerRequestFilter {

    private final byte[] expected;

    public AdminTokenFilter(@Value("${scim-bridge.admin-token:}") String adminToken) {
        this.expected = adminToken == null || adminToken.isBlank() ? null : DirectoryTokens.sha256(adminToken);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/admin/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (expected == null) {
            deny(response, 403, "Admin endpoints are off: set scim-bridge.admin-token (SCIM_BRIDGE_ADMIN_TOKEN)");
            return;
        }
        String token = DirectoryTokens.bearerToken(request.getHeader("Authorization"));
        if (!MessageDigest.isEqual(DirectoryTokens.sha256(token == null ? "" : token), expected) || token == null) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"scim-bridge-admin\"");
            deny(response, 401, "The admin token is required");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void deny(HttpServletResponse response, int status, String detail) throws IOException {
        response.setStatus(status);
        response.setContentType(ScimMediaType.SCIM_JSON);
        response.getWriter().write(ScimErrorRenderer.body(status, null, detail));
    }
}
