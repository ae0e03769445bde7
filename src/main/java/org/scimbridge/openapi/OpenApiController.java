package org.scimbridge.openapi;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the OpenAPI 3 document of the SCIM API without authentication: it describes only the RFC 7644 surface
 * that every SCIM client knows anyway (paths with a {@code {directoryId}} placeholder, bodies, error codes), and
 * names no directory, token, target or software version.
 */
@RestController
public class OpenApiController {

    /** Where the document is served; the one place the path is written, so that a security rule can name it. */
    public static final String PATH = "/openapi.json";

    private final ScimOpenApi openApi;

    public OpenApiController(ScimOpenApi openApi) {
        this.openApi = openApi;
    }

    @GetMapping(value = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    public String document() throws Exception {
        return openApi.json();
    }
}
