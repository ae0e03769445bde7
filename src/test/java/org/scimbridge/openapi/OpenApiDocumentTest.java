package org.scimbridge.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code GET /openapi.json}: an OpenAPI 3 document that a standard parser reads without a message, with every
 * operation of the REST DSL, SCIM media types, and a SCIM error body for each error status.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {

    private static final Set<String> SCIM_OPERATIONS = Set.of(
            "GET /scim/v2/{directoryId}/Users", "POST /scim/v2/{directoryId}/Users",
            "POST /scim/v2/{directoryId}/Users/.search", "GET /scim/v2/{directoryId}/Users/{id}",
            "PUT /scim/v2/{directoryId}/Users/{id}", "PATCH /scim/v2/{directoryId}/Users/{id}",
            "DELETE /scim/v2/{directoryId}/Users/{id}",
            "GET /scim/v2/{directoryId}/Groups", "POST /scim/v2/{directoryId}/Groups",
            "POST /scim/v2/{directoryId}/Groups/.search", "GET /scim/v2/{directoryId}/Groups/{id}",
            "PUT /scim/v2/{directoryId}/Groups/{id}", "PATCH /scim/v2/{directoryId}/Groups/{id}",
            "DELETE /scim/v2/{directoryId}/Groups/{id}",
            "GET /scim/v2/{directoryId}/ServiceProviderConfig", "GET /scim/v2/{directoryId}/ResourceTypes",
            "GET /scim/v2/{directoryId}/ResourceTypes/{id}", "GET /scim/v2/{directoryId}/Schemas",
            "GET /scim/v2/{directoryId}/Schemas/{id}",
            "GET /scim/v2/{directoryId}", "POST /scim/v2/{directoryId}/.search");

    @LocalServerPort
    int port;

    @Autowired
    CamelContext camel;

    private HttpResponse<String> response;
    private OpenAPI api;

    @BeforeAll
    void fetchWithoutAToken() throws Exception {
        response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + OpenApiController.PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body(), null, options);
        assertThat(parsed.getMessages()).as("parser messages").isEmpty();
        api = parsed.getOpenAPI();
    }

    @Test
    void isServedAsJsonWithoutAuthentication() {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        assertThat(api.getOpenapi()).startsWith("3.");
        assertThat(api.getInfo().getTitle()).isEqualTo("scim-bridge SCIM 2.0 API");
    }

    @Test
    void listsEverySCIMOperation() {
        assertThat(operations(api)).containsAll(SCIM_OPERATIONS);
    }

    @Test
    void listsEveryVerbOfTheRestDslOnceAndNoAlias() {
        Set<String> declared = new TreeSet<>();
        for (RestDefinition rest : camel.getCamelContextExtension().getContextPlugin(ModelCamelContext.class)
                .getRestDefinitions()) {
            if ("false".equals(rest.getApiDocs())) {
                continue;
            }
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = rest.getPath() + (verb.getPath() == null ? "" : verb.getPath());
                declared.add(verb.asVerb().toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        assertThat(operations(api)).isEqualTo(declared);
        assertThat(operations(api)).noneMatch(op -> op.contains("/users") || op.contains("/groups"));
    }

    @Test
    void everyOperationNeedsTheDirectoryTokenAndDescribesItsErrorsAsScimErrors() {
        assertThat(api.getComponents().getSecuritySchemes().get(ScimApiDescriptions.BEARER).getScheme())
                .isEqualTo("bearer");
        assertThat(api.getSecurity()).singleElement()
                .satisfies(s -> assertThat(s).containsKey(ScimApiDescriptions.BEARER));
        forEachOperation(api, (name, op) -> {
            Map<String, ApiResponse> responses = op.getResponses();
            assertThat(responses).as(name).containsKeys("401", "500");
            responses.forEach((status, r) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(r.getContent().get("application/scim+json").getSchema().get$ref())
                            .as(name + " " + status).isEqualTo("#/components/schemas/Error");
                }
            });
            assertThat(responses.keySet()).as(name).anyMatch(s -> s.startsWith("2"));
        });
        assertThat(api.getComponents().getSchemas().get("Error").getRequired()).contains("schemas", "status");
    }

    @Test
    void bodiesAreScimJsonAndRequestsMayAlsoBePlainJson() {
        forEachOperation(api, (name, op) -> {
            op.getResponses().forEach((status, r) -> {
                if (!status.equals("204")) {
                    assertThat(r.getContent()).as(name + " " + status).containsOnlyKeys("application/scim+json");
                }
            });
            if (op.getRequestBody() != null) {
                assertThat(op.getRequestBody().getContent()).as(name)
                        .containsOnlyKeys("application/scim+json", "application/json");
            }
        });
        Operation create = api.getPaths().get("/scim/v2/{directoryId}/Users").getPost();
        assertThat(create.getResponses()).containsKeys("201", "409");
        Operation groupPatch = api.getPaths().get("/scim/v2/{directoryId}/Groups/{id}").getPatch();
        assertThat(groupPatch.getResponses()).containsKey("204").doesNotContainKey("200");
    }

    @Test
    void searchesDocumentTheirQueryParameters() {
        for (String path : new String[] {"/scim/v2/{directoryId}/Users", "/scim/v2/{directoryId}"}) {
            Operation search = api.getPaths().get(path).getGet();
            assertThat(search.getParameters()).as(path).extracting(p -> p.getName()).contains(
                    "directoryId", "filter", "startIndex", "count", "sortBy", "sortOrder", "attributes",
                    "excludedAttributes");
        }
        assertThat(api.getPaths().get("/scim/v2/{directoryId}/.search").getPost().getRequestBody()).isNotNull();
    }

    private static Set<String> operations(OpenAPI api) {
        Set<String> names = new TreeSet<>();
        forEachOperation(api, (name, op) -> names.add(name));
        return names;
    }

    private static void forEachOperation(OpenAPI api, java.util.function.BiConsumer<String, Operation> action) {
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(
                (PathItem.HttpMethod method, Operation op) -> action.accept(method.name() + " " + path, op)));
    }
}
