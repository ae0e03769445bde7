package org.scimbridge.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.store.ResourceWriter;
import org.springframework.stereotype.Component;

/** DELETE: 204, and the resource is gone from every group. */
@Component("deleteResource")
public class DeleteResourceProcessor implements Processor {

    private final ResourceWriter writer;

    public DeleteResourceProcessor(ResourceWriter writer) {
        this.writer = writer;
    }

    @Override
    public void process(Exchange exchange) {
        writer.delete(ScimExchange.directoryId(exchange), ScimExchange.kind(exchange),
                ScimExchange.resourceId(exchange), ScimExchange.header(exchange, "If-Match"));
        ScimExchange.respond(exchange, 204, null);
    }
}
