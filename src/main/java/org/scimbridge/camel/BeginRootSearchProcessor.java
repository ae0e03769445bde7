package org.scimbridge.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.scim.search.ResourceTypeScope;
import org.springframework.stereotype.Component;

/**
 * Starts a search at the directory's root (RFC 7644 §3.4.2.1, §3.4.3): a SearchRequest body becomes the same
 * parameters a GET carries, once for the searches of every resource type that follow, and a filter or sortBy
 * naming an attribute that no resource type defines is refused as the per-type searches refuse it.
 */
@Component("beginRootSearch")
public class BeginRootSearchProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        if ("POST".equalsIgnoreCase(ScimExchange.header(exchange, Exchange.HTTP_METHOD))) {
            BuildSearchQueryProcessor.copySearchBodyToHeaders(exchange);
        }
        ResourceTypeScope.requireKnownToSomeType(BuildSearchQueryProcessor.filter(exchange));
        String sortBy = ScimExchange.header(exchange, "sortBy");
        if (sortBy != null && !sortBy.isBlank()) {
            var path = BuildSearchQueryProcessor.sortPath(sortBy);
            boolean known = false;
            for (ResourceKind kind : ResourceKind.values()) {
                known |= ResourceTypeScope.defines(kind, path);
            }
            if (!known) {
                throw ScimException.invalidValue("Unknown sortBy attribute " + sortBy);
            }
        }
        exchange.setProperty(BuildSearchQueryProcessor.ROOT_SEARCH, true);
        exchange.removeProperty(CollectRootSearchPageProcessor.PAGES);
        exchange.removeProperty(SearchResourcesProcessor.BUDGET); // one budget for both types, this response's
    }
}
