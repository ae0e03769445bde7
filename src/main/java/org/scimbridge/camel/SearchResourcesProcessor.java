package org.scimbridge.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.limits.RequestLimits;
import org.scimbridge.scim.model.SearchRequest;
import org.scimbridge.store.query.ResourceSearch;
import org.scimbridge.store.query.ResponseBudget;
import org.springframework.stereotype.Component;

/**
 * Runs the parsed list query against the store; the body becomes the {@code ListPage}. The page holds at most
 * {@code scim-bridge.limits.max-response-bytes} (issue 8.4), a budget kept on the exchange so that the searches of
 * one root search share it.
 */
@Component("searchResources")
public class SearchResourcesProcessor implements Processor {

    /** Exchange property: the {@link ResponseBudget} of the response being built. */
    static final String BUDGET = "scimResponseBudget";

    private final ResourceSearch search;
    private final RequestLimits limits;

    public SearchResourcesProcessor(ResourceSearch search, RequestLimits limits) {
        this.search = search;
        this.limits = limits;
    }

    @Override
    public void process(Exchange exchange) {
        SearchRequest request = exchange.getProperty(BuildSearchQueryProcessor.SEARCH_REQUEST, SearchRequest.class);
        String cursor = exchange.getProperty(BuildSearchQueryProcessor.SEARCH_CURSOR, String.class);
        ResponseBudget budget = exchange.getProperty(BUDGET, ResponseBudget.class);
        if (budget == null) {
            budget = ResponseBudget.of(limits.maxResponseBytes());
            exchange.setProperty(BUDGET, budget);
        }
        exchange.getMessage().setBody(cursor == null
                ? search.search(ScimExchange.directoryId(exchange), ScimExchange.kind(exchange), request, budget)
                : search.searchByCursor(ScimExchange.directoryId(exchange), ScimExchange.kind(exchange), request,
                        cursor, budget));
    }
}
