package org.scimbridge.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * SCIM bodies are {@code application/scim+json} or {@code application/json} (any charset); no Content-Type is
 * read as JSON. Anything else is a 415 here, before the body is read or the HTTP binding parses it as a form.
 */
@Component
@Order(FilterOrder.CONTENT_TYPE)
public class ContentTypeFilter extends OncePerRequestFilter {

    private final ScimErrorResponses errors;

    public ContentTypeFilter(ScimErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !request.getRequestURI().startsWith("/scim/")
                || !(method.equals("POST") || method.equals("PUT") || method.equals("PATCH"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType == null || contentType.isBlank() || isJson(contentType)) {
            chain.doFilter(request, response);
            return;
        }
        errors.write(response, 415, null, "Send application/scim+json or application/json, not " + contentType);
    }

    static boolean isJson(String contentType) {
        String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/scim+json") || mediaType.equals("application/json");
    }
}
