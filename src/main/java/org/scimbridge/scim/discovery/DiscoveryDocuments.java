package org.scimbridge.scim.discovery;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.scimbridge.scim.model.ScimJson;
import org.scimbridge.scim.schema.AttributeDefinition;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.scim.schema.ResourceSchema;
import org.scimbridge.scim.schema.SchemaRegistry;
import org.scimbridge.scim.schema.ScimSchemas;

/**
 * /ServiceProviderConfig, /ResourceTypes and /Schemas (RFC 7644 §4), generated from {@link SchemaRegistry}
 * and advertising only what works: PATCH, filter, sort and ETags yes; bulk and password change no.
 */
public final class DiscoveryDocuments {

    private DiscoveryDocuments() {
    }

    public static ObjectNode serviceProviderConfig(String baseUrl, int maxResults) {
        ObjectNode spc = ScimJson.object();
        spc.putArray("schemas").add(ScimSchemas.SERVICE_PROVIDER_CONFIG);
        spc.put("documentationUri", "https://github.com/scim-bridge/scim-bridge#readme");
        spc.putObject("patch").put("supported", true);
        spc.putObject("bulk").put("supported", false).put("maxOperations", 0).put("maxPayloadSize", 0);
        spc.putObject("filter").put("supported", true).put("maxResults", maxResults);
        spc.putObject("changePassword").put("supported", false);
        // sortBy on indexed attributes only (id, userName, displayName, externalId, meta.created,
        // meta.lastModified); any other is 400 invalidValue
        spc.putObject("sort").put("supported", true);
        // RFC 9865: cursor paging beside startIndex
        spc.putObject("pagination").put("cursor", true).put("index", true)
                .put("defaultPaginationMethod", "index").put("maxPageSize", maxResults);
        spc.putObject("etag").put("supported", true);
        spc.putArray("authenticationSchemes").addObject()
                .put("type", "oauthbearertoken")
                .put("name", "OAuth Bearer Token")
                .put("description", "The directory's secret token, sent as Authorization: Bearer <token>")
                .put("primary", true);
        meta(spc, "ServiceProviderConfig", baseUrl + "/ServiceProviderConfig");
        return spc;
    }

    public static List<ObjectNode> resourceTypes(String baseUrl) {
        return List.of(resourceType(ResourceKind.USER, baseUrl), resourceType(ResourceKind.GROUP, baseUrl));
    }

    public static Optional<ObjectNode> resourceType(String name, String baseUrl) {
        return resourceTypes(baseUrl).stream().filter(r -> r.get("id").asText().equalsIgnoreCase(name)).findFirst();
    }

    public static List<ObjectNode> schemas(String baseUrl) {
        return SchemaRegistry.all().stream().map(s -> schema(s, baseUrl)).toList();
    }

    public static Optional<ObjectNode> schema(String id, String baseUrl) {
        return schemas(baseUrl).stream().filter(s -> s.get("id").asText().equalsIgnoreCase(id)).findFirst();
    }

    public static ObjectNode listResponse(List<ObjectNode> resources) {
        ObjectNode list = ScimJson.object();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", resources.size());
        list.put("startIndex", 1);
        list.put("itemsPerPage", resources.size());
        ArrayNode array = list.putArray("Resources");
        resources.forEach(array::add);
        return list;
    }

    private static ObjectNode resourceType(ResourceKind kind, String baseUrl) {
        ObjectNode rt = ScimJson.object();
        rt.putArray("schemas").add(ScimSchemas.RESOURCE_TYPE);
        rt.put("id", kind.resourceType());
        rt.put("name", kind.resourceType());
        rt.put("endpoint", "/" + kind.endpoint());
        rt.put("description", kind == ResourceKind.USER ? "User Account" : "Group");
        rt.put("schema", kind.coreSchema());
        ArrayNode extensions = rt.putArray("schemaExtensions");
        for (String urn : kind.extensionSchemas()) {
            extensions.addObject().put("schema", urn).put("required", false);
        }
        meta(rt, "ResourceType", baseUrl + "/ResourceTypes/" + kind.resourceType());
        return rt;
    }

    private static ObjectNode schema(ResourceSchema schema, String baseUrl) {
        ObjectNode s = ScimJson.object();
        s.putArray("schemas").add(ScimSchemas.SCHEMA);
        s.put("id", schema.id());
        s.put("name", schema.name());
        s.put("description", schema.description());
        ArrayNode attributes = s.putArray("attributes");
        schema.attributes().forEach(a -> attributes.add(attribute(a)));
        meta(s, "Schema", baseUrl + "/Schemas/" + schema.id());
        return s;
    }

    private static ObjectNode attribute(AttributeDefinition a) {
        ObjectNode node = ScimJson.object();
        node.put("name", a.name());
        node.put("type", a.type().scimName());
        node.put("multiValued", a.multiValued());
        node.put("description", a.description());
        node.put("required", a.required());
        if (a.type() == AttributeDefinition.Type.STRING || a.type() == AttributeDefinition.Type.REFERENCE) {
            node.put("caseExact", a.caseExact());
        }
        if (!a.canonicalValues().isEmpty()) {
            ArrayNode values = node.putArray("canonicalValues");
            a.canonicalValues().forEach(values::add);
        }
        if (!a.referenceTypes().isEmpty()) {
            ArrayNode types = node.putArray("referenceTypes");
            a.referenceTypes().forEach(types::add);
        }
        node.put("mutability", a.mutability().scimName());
        node.put("returned", a.returned().scimName());
        if (a.type() != AttributeDefinition.Type.COMPLEX && a.type() != AttributeDefinition.Type.BOOLEAN) {
            node.put("uniqueness", a.uniqueness().scimName());
        }
        if (!a.subAttributes().isEmpty()) {
            ArrayNode subs = node.putArray("subAttributes");
            a.subAttributes().forEach(sub -> subs.add(attribute(sub)));
        }
        return node;
    }

    private static void meta(ObjectNode node, String resourceType, String location) {
        node.putObject("meta").put("resourceType", resourceType).put("location", location);
    }
}
