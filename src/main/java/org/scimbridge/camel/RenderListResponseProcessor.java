package org.scimbridge.camel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.scim.model.AttributeProjection;
import org.scimbridge.scim.model.ScimJson;
import org.scimbridge.scim.model.SearchRequest;
import org.scimbridge.scim.schema.ScimSchemas;
import org.scimbridge.store.ResourceRenderer;
import org.scimbridge.store.ResourceRows;
import org.scimbridge.store.StoredResource;
import org.springframework.stereotype.Component;

/** The camel-jdbc rows become a ListResponse: 200 always, an empty list when nothing matched. */
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
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = exchange.getMessage().getBody(List.class);
        String baseUrl = baseUrls.of(exchange);
        long total = 0;
        ArrayNode resources = ScimJson.MAPPER.createArrayNode();
        for (Map<String, Object> raw : rows) {
            Map<String, Object> row = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            row.putAll(raw);
            total = ((Number) row.get("total_results")).longValue();
            if (row.get("id") == null) {
                continue;
            }
            StoredResource resource = references.load(ResourceRows.fromRow(row), request.attributes(),
                    request.excludedAttributes());
            resources.add(AttributeProjection.apply(ResourceRenderer.render(resource, baseUrl),
                    request.attributes(), request.excludedAttributes()));
        }
        ObjectNode list = ScimJson.object();
        list.putArray("schemas").add(ScimSchemas.LIST_RESPONSE);
        list.put("totalResults", total);
        list.put("startIndex", request.startIndex());
        list.put("itemsPerPage", resources.size());
        list.set("Resources", resources);
        ScimExchange.respond(exchange, 200, ScimJson.write(list));
    }
}
