package org.scimbridge.camel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.scimbridge.config.BridgeProperties;
import org.scimbridge.scim.discovery.DiscoveryDocuments;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.model.ScimJson;
import org.springframework.stereotype.Component;

/** Serves the discovery documents; the routes call one method per endpoint. */
@Component("discovery")
public class DiscoveryProcessor {

    private final BridgeProperties properties;
    private final BaseUrls baseUrls;

    public DiscoveryProcessor(BridgeProperties properties, BaseUrls baseUrls) {
        this.properties = properties;
        this.baseUrls = baseUrls;
    }

    public void serviceProviderConfig(Exchange exchange) {
        respond(exchange, DiscoveryDocuments.serviceProviderConfig(base(exchange), properties.maxPageSize()));
    }

    public void resourceTypes(Exchange exchange) {
        respond(exchange, DiscoveryDocuments.listResponse(DiscoveryDocuments.resourceTypes(base(exchange))));
    }

    public void resourceType(Exchange exchange) {
        respond(exchange, found(DiscoveryDocuments.resourceType(ScimExchange.resourceId(exchange), base(exchange)),
                "ResourceType"));
    }

    public void schemas(Exchange exchange) {
        respond(exchange, DiscoveryDocuments.listResponse(DiscoveryDocuments.schemas(base(exchange))));
    }

    public void schema(Exchange exchange) {
        respond(exchange, found(DiscoveryDocuments.schema(ScimExchange.resourceId(exchange), base(exchange)),
                "Schema"));
    }

    private String base(Exchange exchange) {
        return baseUrls.of(exchange);
    }

    private static ObjectNode found(Optional<ObjectNode> document, String what) {
        return document.orElseThrow(() -> ScimException.notFound(what + " not found"));
    }

    private static void respond(Exchange exchange, ObjectNode document) {
        ScimExchange.respond(exchange, 200, ScimJson.write(document));
    }
}
