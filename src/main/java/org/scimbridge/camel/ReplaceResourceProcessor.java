package org.scimbridge.camel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.entra.ResourceBodyNormalizer;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.store.ResourceWriter;
import org.scimbridge.limits.RequestLimits;
import org.scimbridge.scim.model.ValuesPerAttribute;
import org.springframework.stereotype.Component;

/** PUT: replaces the resource (RFC 7644 §3.5.1); {@code If-Match} honoured. */
@Component("replaceResource")
public class ReplaceResourceProcessor implements Processor {

    private final ResourceWriter writer;
    private final RequestLimits limits;
    private final ResourceBodyNormalizer normalizer = new ResourceBodyNormalizer();

    public ReplaceResourceProcessor(ResourceWriter writer, RequestLimits limits) {
        this.writer = writer;
        this.limits = limits;
    }

    @Override
    public void process(Exchange exchange) {
        ResourceKind kind = ScimExchange.kind(exchange);
        ObjectNode attributes = normalizer.normalize(kind, RequestBodies.readObject(exchange));
        List<String> members = kind == ResourceKind.GROUP ? GroupMembers.extract(attributes) : null;
        ValuesPerAttribute.check(attributes, limits.maxValuesPerAttribute());
        exchange.getMessage().setBody(writer.replace(ScimExchange.directoryId(exchange), kind,
                ScimExchange.resourceId(exchange), attributes, members, ScimExchange.header(exchange, "If-Match")));
    }
}
