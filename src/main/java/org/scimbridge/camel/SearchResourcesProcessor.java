package org.scimbridge.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.scim.model.SearchRequest;
import org.scimbridge.store.query.ResourceSearch;
import org.springframework.stereotype.Component;

/** Runs the parsed list query against the store; the body becomes the {@code ListPage}. */
@Component("searchResources")
public class SearchResourcesProcessor implements Processor {

    private final ResourceSearch search;

    public SearchResourcesProcessor(ResourceSearch search) {
        this.search = search;
    }

    @Override
    public void process(Exchange exchange) {
        SearchRequest request = exchange.getProperty(BuildSearchQueryProcessor.SEARCH_REQUEST, SearchRequest.class);
        String cursor = exchange.getProperty(BuildSearchQueryProcessor.SEARCH_CURSOR, String.class);
        exchange.getMessage().setBody(cursor == null
                ? search.search(ScimExchange.directoryId(exchange), ScimExchange.kind(exchange), request)
                : search.searchByCursor(ScimExchange.directoryId(exchange), ScimExchange.kind(exchange), request,
                        cursor));
    }
}
