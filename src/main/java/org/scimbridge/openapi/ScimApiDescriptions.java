package org.scimbridge.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scimbridge.scim.schema.ScimSchemas;
import org.scimbridge.web.ScimMediaType;

/**
 * What every SCIM operation shares, added to the document camel-openapi-java builds from the REST DSL: bodies in
 * {@code application/scim+json} (requests also in {@code application/json}), RFC 7644 §3.12 error bodies for each
 * status the bridge answers, the query parameters of searches, and the directory's bearer token.
 */
final class ScimApiDescriptions {

    static final String BEARER = "directoryToken";

    private ScimApiDescriptions() {
    }

    /** The operation a verb is, from its method and path (the REST DSL says which route serves it, not what it is). */
    enum Kind {
        SEARCH, SEARCH_POST, CREATE, GET, REPLACE, PATCH, DELETE, DISCOVERY;

        static Kind of(PathItem.HttpMethod method, String path) {
            if (path.endsWith("/{directoryId}")) {
                return SEARCH;    // the root search, RFC 7644 §3.4.2.1
            }
            if (path.endsWith("/{directoryId}/.search")) {
                return SEARCH_POST;
            }
            boolean resource = path.matches(".*/(Users|Groups)(/.*)?");
            if (!resource) {
                return DISCOVERY;
            }
            boolean byId = path.endsWith("/{id}");
            return switch (method) {
                case GET -> byId ? GET : SEARCH;
                case POST -> path.endsWith("/.search") ? SEARCH_POST : CREATE;
                case PUT -> REPLACE;
                case PATCH -> PATCH;
                case DELETE -> DELETE;
                default -> throw new IllegalArgumentException(method + " " + path);
            };
        }
    }

    static void describe(OpenAPI api) {
        api.setComponents(components());
        api.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) ->
                describe(op, Kind.of(method, path), path.contains("/Groups"))));
        dropUnusedTags(api);
    }

    private static void describe(Operation op, Kind kind, boolean group) {
        ApiResponses responses = new ApiResponses();
        switch (kind) {
            case SEARCH -> {
                query(op, "filter", "RFC 7644 §3.4.2.2 filter, e.g. userName eq \"ada@contoso.com\"");
                query(op, "startIndex", "1-based index of the first result (default 1)");
                query(op, "count", "results per page (default and maximum: scim-bridge.default-page-size, max-page-size;"
                        + " a page is cut short at scim-bridge.limits.max-response-bytes, see itemsPerPage)");
                query(op, "sortBy", "attribute to sort by");
                query(op, "sortOrder", "ascending (default) or descending");
                projection(op);
                responses.addApiResponse("200", scim("A page of results", "ListResponse"));
                errors(responses, "400", "401");
            }
            case SEARCH_POST -> {
                op.setRequestBody(body("SearchRequest", "filter, paging and projection in the body"));
                responses.addApiResponse("200", scim("A page of results", "ListResponse"));
                errors(responses, "400", "401", "413", "415");
            }
            case CREATE -> {
                op.setRequestBody(body("Resource", "the new resource; Entra's string booleans are accepted"));
                responses.addApiResponse("201", scim("Created", "Resource")
                        .addHeaderObject("Location", header("meta.location of the new resource"))
                        .addHeaderObject("ETag", header("version of the resource")));
                errors(responses, "400", "401", "409", "413", "415");
            }
            case GET -> {
                projection(op);
                responses.addApiResponse("200", scim("The resource", "Resource")
                        .addHeaderObject("ETag", header("version of the resource")));
                errors(responses, "400", "401", "404");
            }
            case REPLACE -> {
                ifMatch(op);
                op.setRequestBody(body("Resource", "the whole resource"));
                responses.addApiResponse("200", scim("The replaced resource", "Resource"));
                errors(responses, "400", "401", "404", "409", "412", "413", "415");
            }
            case PATCH -> {
                ifMatch(op);
                op.setRequestBody(body("PatchOp", "RFC 7644 §3.5.2 operations, in either Entra dialect"));
                if (group) {
                    responses.addApiResponse("204", new ApiResponse().description("Changed (no body), as Entra expects")
                            .addHeaderObject("ETag", header("new version of the group")));
                } else {
                    responses.addApiResponse("200", scim("The changed user", "Resource"));
                }
                errors(responses, "400", "401", "404", "409", "412", "413", "415");
            }
            case DELETE -> {
                ifMatch(op);
                responses.addApiResponse("204", new ApiResponse().description("Deleted"));
                errors(responses, "401", "404", "412");
            }
            case DISCOVERY -> {
                responses.addApiResponse("200", scim("The discovery document (a ListResponse for the collections)",
                        "Resource"));
                errors(responses, "401", "404");
            }
            default -> throw new IllegalStateException(kind.name());
        }
        errors(responses, "500");
        op.setResponses(responses);
    }

    // --- components ------------------------------------------------------------------------------------------

    private static final Map<String, String> ERRORS = Map.of(
            "400", "Bad request; scimType invalidFilter, invalidSyntax, invalidValue, invalidPath, noTarget, "
                    + "mutability or tooMany. Nothing was stored",
            "401", "No token, or not this directory's token (WWW-Authenticate: Bearer)",
            "404", "No such resource in this directory",
            "409", "scimType uniqueness: userName (users) or displayName (groups) is taken in this directory",
            "412", "If-Match does not match the resource's current ETag",
            "413", "The body is larger than scim-bridge.max-body-bytes",
            "415", "Content-Type is neither application/scim+json nor application/json",
            "500", "A bug: the detail carries a reference that is logged with the stack trace");

    private static Components components() {
        Components components = new Components()
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("The directory's token: scim-bridge.directories.<id>.token, or the token whose "
                                + "SHA-256 is token-sha256. It opens /scim/v2/<id> and no other directory."))
                .addSchemas("Error", errorSchema())
                .addSchemas("Resource", resourceSchema())
                .addSchemas("ListResponse", listResponseSchema())
                .addSchemas("PatchOp", patchOpSchema())
                .addSchemas("SearchRequest", searchRequestSchema());
        ERRORS.forEach((status, description) -> components.addResponses(errorName(status),
                scim(description, "Error")));
        return components;
    }

    private static Schema<?> errorSchema() {
        return new ObjectSchema().description("RFC 7644 §3.12 error body")
                .addProperty("schemas", new ArraySchema().items(new StringSchema()._enum(List.of(ScimSchemas.ERROR))))
                .addProperty("status", new StringSchema().description("the HTTP status, as a string").example("400"))
                .addProperty("scimType", new StringSchema().description("RFC 7644 §3.12 error type, where one applies")
                        ._enum(List.of("invalidFilter", "tooMany", "uniqueness", "mutability", "invalidSyntax",
                                "invalidPath", "noTarget", "invalidValue", "invalidVers", "sensitive")))
                .addProperty("detail", new StringSchema())
                .required(List.of("schemas", "status"));
    }

    private static Schema<?> resourceSchema() {
        ObjectSchema meta = new ObjectSchema();
        meta.addProperty("resourceType", new StringSchema()).addProperty("created", new StringSchema())
                .addProperty("lastModified", new StringSchema()).addProperty("location", new StringSchema())
                .addProperty("version", new StringSchema());
        Schema<?> schema = new ObjectSchema().description("A User or Group (RFC 7643 §4); GET /Schemas has the "
                        + "attributes of each")
                .addProperty("schemas", new ArraySchema().items(new StringSchema()))
                .addProperty("id", new StringSchema().readOnly(true))
                .addProperty("externalId", new StringSchema())
                .addProperty("meta", meta.readOnly(true));
        schema.setAdditionalProperties(true);
        return schema;
    }

    private static Schema<?> listResponseSchema() {
        return new ObjectSchema().description("RFC 7644 §3.4.2 list response")
                .addProperty("schemas", new ArraySchema().items(new StringSchema()))
                .addProperty("totalResults", new IntegerSchema())
                .addProperty("startIndex", new IntegerSchema())
                .addProperty("itemsPerPage", new IntegerSchema())
                .addProperty("Resources", new ArraySchema().items(ref("Resource")));
    }

    private static Schema<?> patchOpSchema() {
        ObjectSchema operation = new ObjectSchema();
        operation.addProperty("op", new StringSchema().description("add, remove or replace, in any case"))
                .addProperty("path", new StringSchema().description("optional for add and replace"))
                .addProperty("value", new Schema<>().description("any JSON value"));
        return new ObjectSchema().description("RFC 7644 §3.5.2 PatchOp (the Operations key in any case)")
                .addProperty("schemas", new ArraySchema().items(new StringSchema()))
                .addProperty("Operations", new ArraySchema().items(operation.required(List.of("op"))));
    }

    private static Schema<?> searchRequestSchema() {
        return new ObjectSchema().description("RFC 7644 §3.4.3 search request")
                .addProperty("schemas", new ArraySchema().items(new StringSchema()))
                .addProperty("filter", new StringSchema())
                .addProperty("startIndex", new IntegerSchema())
                .addProperty("count", new IntegerSchema())
                .addProperty("sortBy", new StringSchema())
                .addProperty("sortOrder", new StringSchema())
                .addProperty("attributes", new ArraySchema().items(new StringSchema()))
                .addProperty("excludedAttributes", new ArraySchema().items(new StringSchema()));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static void errors(ApiResponses responses, String... statuses) {
        for (String status : statuses) {
            responses.addApiResponse(status, new ApiResponse().$ref("#/components/responses/" + errorName(status)));
        }
    }

    private static String errorName(String status) {
        return "Error" + status;
    }

    private static ApiResponse scim(String description, String schema) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType(ScimMediaType.SCIM_JSON, new MediaType().schema(ref(schema))));
    }

    private static RequestBody body(String schema, String description) {
        MediaType media = new MediaType().schema(ref(schema));
        return new RequestBody().required(true).description(description).content(new Content()
                .addMediaType(ScimMediaType.SCIM_JSON, media)
                .addMediaType(org.springframework.http.MediaType.APPLICATION_JSON_VALUE, media));
    }

    private static Schema<?> ref(String name) {
        return new Schema<>().$ref("#/components/schemas/" + name);
    }

    private static Header header(String description) {
        return new Header().description(description).schema(new StringSchema());
    }

    private static void query(Operation op, String name, String description) {
        op.addParametersItem(new Parameter().in("query").name(name).description(description)
                .schema(name.equals("startIndex") || name.equals("count") ? new IntegerSchema() : new StringSchema()));
    }

    private static void projection(Operation op) {
        query(op, "attributes", "comma-separated attributes to return");
        query(op, "excludedAttributes", "comma-separated attributes to leave out (e.g. members)");
    }

    private static void ifMatch(Operation op) {
        op.addParametersItem(new Parameter().in("header").name("If-Match")
                .description("apply only if the resource still has this ETag").schema(new StringSchema()));
    }

    private static void dropUnusedTags(OpenAPI api) {
        if (api.getTags() == null) {
            return;
        }
        Set<String> used = new HashSet<>();
        api.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
            if (op.getTags() != null) {
                used.addAll(op.getTags());
            }
        }));
        List<Tag> kept = new ArrayList<>(api.getTags());
        kept.removeIf(tag -> !used.contains(tag.getName()));
        api.setTags(kept);
    }
}
