package org.scimbridge.camel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
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
    private final ManagerLinks managerLinks;

    public RenderListResponseProcessor(ReferenceLoader references, BaseUrls baseUrls, ManagerLinks managerLinks) {
        this.references = references;
        this.baseUrls = baseUrls;
        this.managerLinks = managerLinks;
    }

    @Override
    public void process(Exchange exchange) {
        SearchRequest request = exchange.getProperty(BuildSearchQueryProcessor.SEARCH_REQUEST, SearchRequest.class);
        Page page = page(exchange);
        boolean byCursor = exchange.getProperty(BuildSearchQueryProcessor.SEARCH_CURSOR) != null;
        ObjectNode list = listResponse(page.total(), byCursor ? null : request.startIndex(), page.resources());
        if (page.nextCursor() != null) {
            list.put("nextCursor", page.nextCursor()); // RFC 9865: absent on the last page
        }
        ScimExchange.respond(exchange, 200, ScimJson.write(list));
    }

    /** The store's page of one search, rendered and projected, with the total the store counted. */
    public Page page(Exchange exchange) {
        SearchRequest request = exchange.getProperty(BuildSearchQueryProcessor.SEARCH_REQUEST, SearchRequest.class);
        ListPage listPage = exchange.getMessage().getBody(ListPage.class);
        String baseUrl = baseUrls.of(exchange);
        List<ObjectNode> rendered = new ArrayList<>();
        for (StoredResource stored : listPage.resources()) {
            StoredResource resource = references.load(stored, request.attributes(), request.excludedAttributes());
            rendered.add(ResourceRenderer.render(resource, baseUrl));
        }
        managerLinks.link(ScimExchange.directoryId(exchange), rendered, baseUrl);
        List<ObjectNode> projected = new ArrayList<>();
        for (ObjectNode resource : rendered) {
            projected.add(AttributeProjection.apply(resource, request.attributes(), request.excludedAttributes()));
        }
        return new Page(listPage.totalResults(), projected, listPage.nextCursor());
    }

    /** A ListResponse; {@code startIndex} null for a page asked for by cursor (RFC 9865 leaves it out). */
    public static ObjectNode listResponse(long total, Integer startIndex, List<ObjectNode> resources) {
        ObjectNode list = ScimJson.object();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", total);
        if (startIndex != null) {
            list.put("startIndex", startIndex);
        }
        list.put("itemsPerPage", resources.size());
        ArrayNode array = list.putArray("Resources");
        resources.forEach(array::add);
        return list;
    }

    /** One search's page: what the store counted, the resources of the page, and the cursor of the next one. */
    public record Page(long total, List<ObjectNode> resources, String nextCursor) {
    }
}
