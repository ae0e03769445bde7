package org.scimbridge.camel;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.store.ResourceRows;
import org.springframework.stereotype.Component;

/** The row camel-sql selected becomes a StoredResource; no row is a 404. */
@Component("rowToResource")
public class RowToResourceProcessor implements Processor {

    @Override
    public void process(Exchange exchange) {
        Map<?, ?> row = exchange.getMessage().getBody(Map.class);
        ResourceKind kind = ScimExchange.kind(exchange);
        if (row == null || row.isEmpty()) {
            throw ScimException.notFound(kind.resourceType() + " " + ScimExchange.resourceId(exchange)
                    + " not found");
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> columns = (Map<String, ?>) row;
        exchange.getMessage().setBody(ResourceRows.fromRow(columns));
    }
}
