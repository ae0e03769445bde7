package org.scimbridge.camel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.scim.model.ScimJson;
import org.scimbridge.scim.model.SearchRequest;
import org.springframework.stereotype.Component;

/**
 * The ListResponse of a root search: {@code totalResults} over every resource type, the requested
 * {@code startIndex}, and each type's resources as that type renders them (own schemas and meta).
 */
@Component("renderRootListResponse")
public class RenderRootListResponseProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<RenderListResponseProcessor.Page> pages = exchange.getProperty(CollectRootSearchPageProcessor.PAGES,
                List.class);
        SearchRequest window = exchange.getProperty(CollectRootSearchPageProcessor.WINDOW, SearchRequest.class);
        long total = 0;
        List<ObjectNode> resources = new ArrayList<>();
        for (RenderListResponseProcessor.Page page : pages) {
            total += page.total();
            resources.addAll(page.resources());
        }
        ScimExchange.respond(exchange, 200, ScimJson.write(
                RenderListResponseProcessor.listResponse(total, window.startIndex(), resources)));
    }
}
