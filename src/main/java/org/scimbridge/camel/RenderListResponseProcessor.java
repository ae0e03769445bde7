package org.scimbridge.camel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.scim.model.AttributeProjection;
import org.scimbridge.scim.model.ScimJson;
import org.scimbridge.scim.model.SearchRequest;
import org.scimbridge.scim.schema.ScimSchemas;
import org.scimbridge.store.ResourceRenderer;
import org.scimbridge.store.StoredResource;
import org.scimbridge.store.query.ListPage;
import org.springframework.stereotype.Component;

/** A store ListPage becomes a ListResponse: 200 always, an empty list when nothing matched. */
@Component("renderListResponse")
public class RenderListResponseProcessor implements Processor {

    private final ReferenceLoader references;
    private final BaseUrls baseUrls;

    public RenderListResponseProcessor(ReferenceLoader references, BaseUrls baseUrls) {
        this.references = references;
        this.baseUrls = baseUrls;
    }

    @Override
    public void process(Exchange exchange) {
        SearchRequest request = exchange.getProperty(BuildSearchQueryProcessor.SEARCH_REQUEST, SearchRequest.class);
        ListPage page = exchange.getMessage().getBody(ListPage.class);
        String baseUrl = baseUrls.of(exchange);
        ArrayNode resources = ScimJson.MAPPER.createArrayNode();
        for (StoredResource stored : page.resources()) {
            StoredResource resource = references.load(stored, request.attributes(), request.excludedAttributes());
            resources.add(AttributeProjection.apply(ResourceRenderer.render(resource, baseUrl),
                    request.attributes(), request.excludedAttributes()));
        }
        ObjectNode list = ScimJson.object();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", page.totalResults());
        boolean byCursor = exchange.getProperty(BuildSearchQueryProcessor.SEARCH_CURSOR) != null;
        if (!byCursor) {
            list.put("startIndex", request.startIndex());
        }
        list.put("itemsPerPage", resources.size());
        if (page.nextCursor() != null) {
            list.put("nextCursor", page.nextCursor());
        }
        list.set("Resources", resources);
        ScimExchange.respond(exchange, 200, ScimJson.write(list));
    }
}
