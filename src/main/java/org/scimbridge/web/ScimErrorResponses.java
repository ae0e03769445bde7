package org.scimbridge.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.scimbridge.limits.RequestLimits;
import org.scimbridge.scim.error.ScimErrorRenderer;
import org.springframework.stereotype.Component;

/**
 * Writes a SCIM error body (through {@link ScimErrorRenderer}) to a servlet response, for whatever answers before or
 * outside a Camel route: the security chain, the servlet filters, the error controller. 429 and 503 carry
 * {@code Retry-After}; 408 and 413 close the connection, so Tomcat does not wait for the rest of a body.
 */
@Component
public class ScimErrorResponses {

    private final String retryAfter;

    public ScimErrorResponses(RequestLimits limits) {
        this.retryAfter = limits.retryAfterSeconds();
    }

    public String retryAfter() {
        return retryAfter;
    }

    public void write(HttpServletResponse response, int status, String scimType, String detail) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(ScimMediaType.SCIM_JSON);
        response.setCharacterEncoding("UTF-8");
        if (status == 429 || status == 503) {
            response.setHeader("Retry-After", retryAfter);
        }
        if (status == 408 || status == 413) {
            response.setHeader("Connection", "close");
        }
        response.getWriter().write(ScimErrorRenderer.body(status, scimType, detail));
        response.flushBuffer();
    }
}
