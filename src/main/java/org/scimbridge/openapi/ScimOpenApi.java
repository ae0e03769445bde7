package org.scimbridge.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.openapi.BeanConfig;
import org.apache.camel.openapi.OpenApiHelper;
import org.apache.camel.openapi.RestOpenApiReader;
import org.apache.camel.openapi.RestOpenApiSupport;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI document of the REST DSL ({@code routes/scim-api.camel.yaml}): camel-openapi-java reads the
 * {@code rest:} definitions (paths, verbs, descriptions, tags, the {@code apiProperty} texts), and
 * {@link ScimApiDescriptions} adds what is the same for every SCIM operation and would otherwise be repeated on
 * every verb: media types, request and response bodies, error bodies, the bearer token. Built on each request, so
 * a route file reloaded in the dev profile shows at once.
 */
@Component
public class ScimOpenApi {

    private final CamelContext camel;
    private final String serverUrl;

    public ScimOpenApi(CamelContext camel, @Value("${scim-bridge.public-base-url:}") String publicBaseUrl) {
        this.camel = camel;
        // Relative unless a public address is configured: a client resolves it against where it fetched the document.
        this.serverUrl = publicBaseUrl.isBlank() ? "/" : publicBaseUrl;
    }

    public OpenAPI document() throws Exception {
        BeanConfig config = config();
        RestOpenApiSupport support = new RestOpenApiSupport();
        List<RestDefinition> rests = support.getRestDefinitions(camel);
        OpenAPI api = new RestOpenApiReader().read(camel, rests, config, camel.getName(), camel.getClassResolver());
        OpenApiHelper.clearVendorExtensions(api);
        api.setServers(List.of(new Server().url(serverUrl)));
        ScimApiDescriptions.describe(api);
        return api;
    }

    public String json() throws Exception {
        return RestOpenApiSupport.getJsonFromOpenAPIAsString(document(), config());
    }

    private BeanConfig config() {
        BeanConfig config = new BeanConfig();
        Map<String, Object> properties = camel.getRestConfiguration().getApiProperties();
        new RestOpenApiSupport().initOpenApi(config, properties == null ? Map.of() : properties);
        return config;
    }
}
