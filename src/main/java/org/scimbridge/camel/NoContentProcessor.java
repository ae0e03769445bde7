package org.scimbridge.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.store.StoredResource;
import org.springframework.stereotype.Component;

/** 204 with the new ETag: what Entra expects after a group PATCH. */
@Component("respondNoContent")
public class NoContentProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        StoredResource resource = exchange.getMessage().getBody(StoredResource.class);
        ScimExchange.respond(exchange, 204, null);
        if (resource != null) {
            exchange.getMessage().setHeader("ETag", resource.etag());
        }
    }
}
