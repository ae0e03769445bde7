package org.scimbridge.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.scimbridge.scim.error.ScimErrorRenderer;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error page: whatever fails outside a Camel route (an unknown path, a method the path
 * does not allow, a broken request) is still answered with a SCIM error body, never HTML.
 */
@RestController
public class ScimErrorController implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        String detail = switch (status) {
            case 404 -> "No such endpoint: " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            case 405 -> "Method not allowed on this endpoint";
            case 415 -> "Unsupported media type: send application/scim+json or application/json";
            default -> status >= 500 ? "Internal error" : "The request could not be processed";
        };
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (exception instanceof Throwable t && status >= 500) {
            var scim = ScimErrorRenderer.toScim(t);
            return ResponseEntity.status(scim.status()).header("Content-Type", ScimMediaType.SCIM_JSON)
                    .body(ScimErrorRenderer.body(scim));
        }
        return ResponseEntity.status(status).header("Content-Type", ScimMediaType.SCIM_JSON)
                .body(ScimErrorRenderer.body(status, null, detail));
    }
}
