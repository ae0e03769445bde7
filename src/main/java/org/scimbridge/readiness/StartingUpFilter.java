package org.scimbridge.readiness;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.scimbridge.web.FilterOrder;
import org.scimbridge.web.ScimErrorResponses;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Until the SCIM routes run, a SCIM request is answered 503 with {@code Retry-After}, never a 404. */
@Component
@Order(FilterOrder.ROUTES_STARTED)
public class StartingUpFilter extends OncePerRequestFilter {

    private final ScimRoutes routes;
    private final ScimErrorResponses errors;

    public StartingUpFilter(ScimRoutes routes, ScimErrorResponses errors) {
        this.routes = routes;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/scim/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!routes.started()) {
            errors.write(response, 503, null, "scim-bridge is starting; retry shortly");
            return;
        }
        chain.doFilter(request, response);
    }
}
