package org.scimbridge.camel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.scim.model.AttributeProjection;
import org.scimbridge.scim.model.ScimJson;
import org.scimbridge.store.ResourceRenderer;
import org.scimbridge.store.StoredResource;
import org.springframework.stereotype.Component;

/**
 * Answers with one resource: group members and user groups unless excluded (Entra always sends
 * {@code excludedAttributes=members}, and a members list there breaks its matching), {@code attributes} and
 * {@code excludedAttributes} applied,
 * {@code ETag} and, after a create, 201 with {@code Location}.
 */
@Component("renderResource")
public class RenderResourceProcessor implements Processor {

    private final ReferenceLoader references;
    private final BaseUrls baseUrls;
    private final ManagerLinks managerLinks;

    public RenderResourceProcessor(ReferenceLoader references, BaseUrls baseUrls, ManagerLinks managerLinks) {
        this.references = references;
        this.baseUrls = baseUrls;
        this.managerLinks = managerLinks;
    }

    @Override
    public void process(Exchange exchange) {
        StoredResource resource = exchange.getMessage().getBody(StoredResource.class);
        List<String> attributes = ScimExchange.attributes(exchange);
        List<String> excluded = ScimExchange.excludedAttributes(exchange);
        resource = references.load(resource, attributes, excluded);
        String baseUrl = baseUrls.of(exchange);
        ObjectNode full = ResourceRenderer.render(resource, baseUrl);
        managerLinks.link(resource.directoryId(), List.of(full), baseUrl);
        ObjectNode rendered = AttributeProjection.apply(full, attributes, excluded);
        int status = exchange.getProperty(ScimExchange.STATUS, 200, Integer.class);
        ScimExchange.respond(exchange, status, ScimJson.write(rendered));
        exchange.getMessage().setHeader("ETag", resource.etag());
        if (status == 201) {
            exchange.getMessage().setHeader("Location",
                    baseUrl + "/" + resource.kind().endpoint() + "/" + resource.id());
        }
    }
}
