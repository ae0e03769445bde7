package org.scimbridge.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * SCIM bodies are {@code application/scim+json} or {@code application/json}; no Content-Type is read as JSON.
 * Anything else is a 415 here, before the body is read or the HTTP binding parses it as a form. JSON is UTF-8
 * (RFC 8259 §8.1): a {@code charset} other than UTF-8 (or its subset US-ASCII) is 400 invalidSyntax, since the
 * bridge would otherwise read the bytes as something they are not.
 */
@Component
@Order(FilterOrder.CONTENT_TYPE)
public class ContentTypeFilter extends OncePerRequestFilter {

    private static final Set<String> UTF8_NAMES = Set.of("utf-8", "utf8", "us-ascii");

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
        if (contentType == null || contentType.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        if (!isJson(contentType)) {
            errors.write(response, 415, null, "Send application/scim+json or application/json");
            return;
        }
        if (!isUtf8(contentType)) {
            errors.write(response, 400, "invalidSyntax", "A SCIM body is UTF-8; send charset=utf-8 or no charset");
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean isUtf8(String contentType) {
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset")) {
                String charset = parameter.substring(equals + 1).strip().toLowerCase(Locale.ROOT);
                if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
                    charset = charset.substring(1, charset.length() - 1);
                }
                if (!UTF8_NAMES.contains(charset)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean isJson(String contentType) {
        String mediaType = contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/scim+json") || mediaType.equals("application/json");
    }
}
