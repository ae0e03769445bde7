package org.scimbridge.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The names a response of the SCIM port may carry, whoever writes them: a header of any other name set through the
 * servlet API (a route's message header Camel would copy out, a library's) is dropped. The values of the allowed
 * names are written by the bridge and Spring only: {@code ScimExchange.respond} starts a route's answer from no
 * headers, so nothing a client sent comes back.
 */
@Component
@Order(FilterOrder.RESPONSE_HEADERS)
public class ResponseHeaderAllowList extends OncePerRequestFilter {

    static final Set<String> ALLOWED = Set.of(
            // the bridge's own
            "location", "etag", "content-type", "content-length", "www-authenticate", "retry-after", "x-request-id",
            "allow", "accept-patch", "connection",
            // the sinks page's (sink.SinksPageController)
            "content-security-policy", "referrer-policy",
            // Spring Security's defaults and Spring MVC's
            "cache-control", "pragma", "expires", "x-frame-options", "x-content-type-options", "x-xss-protection",
            "strict-transport-security", "vary", "content-language", "transfer-encoding");

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new AllowListedHeaders(response));
    }

    static boolean allowed(String name) {
        return name != null && ALLOWED.contains(name.toLowerCase(Locale.ROOT));
    }

    private static final class AllowListedHeaders extends HttpServletResponseWrapper {

        AllowListedHeaders(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setHeader(String name, String value) {
            if (allowed(name)) {
                super.setHeader(name, value);
            }
        }

        @Override
        public void addHeader(String name, String value) {
            if (allowed(name)) {
                super.addHeader(name, value);
            }
        }

        @Override
        public void setDateHeader(String name, long date) {
            if (allowed(name)) {
                super.setDateHeader(name, date);
            }
        }

        @Override
        public void addDateHeader(String name, long date) {
            if (allowed(name)) {
                super.addDateHeader(name, date);
            }
        }

        @Override
        public void setIntHeader(String name, int value) {
            if (allowed(name)) {
                super.setIntHeader(name, value);
            }
        }

        @Override
        public void addIntHeader(String name, int value) {
            if (allowed(name)) {
                super.addIntHeader(name, value);
            }
        }
    }
}
