package org.scimbridge.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.scimbridge.scim.error.ScimErrorRenderer;
import org.scimbridge.scim.error.ScimException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's error page: whatever fails outside a Camel route (an unknown path, a method the path
 * does not allow, a broken request, a request past its time budget) is still answered with a SCIM error body,
 * never HTML.
 */
@RestController
public class ScimErrorController implements ErrorController {

    private final ScimErrorResponses responses;

    public ScimErrorController(ScimErrorResponses responses) {
        this.responses = responses;
    }

    @RequestMapping("/error")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : 500;
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        ScimException error = exception instanceof Throwable t && status >= 500 && status != 503
                ? ScimErrors.toScim(t)
                : new ScimException(status, null, detail(status, request));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(error.status())
                .header("Content-Type", ScimMediaType.SCIM_JSON);
        if (error.status() == 429 || error.status() == 503) {
            response.header("Retry-After", responses.retryAfter());
        }
        return response.body(ScimErrorRenderer.body(error));
    }

    private static String detail(int status, HttpServletRequest request) {
        return switch (status) {
            case 404 -> "No such endpoint: " + request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
            case 405 -> "Method not allowed on this endpoint";
            case 408 -> "The request did not arrive in time";
            case 415 -> "Unsupported media type: send application/scim+json or application/json";
            case 503 -> "The request did not finish within its time budget; retry later";
            default -> status >= 500 ? "Internal error" : "The request could not be processed";
        };
    }
}
