package org.scimbridge.camel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.scimbridge.scim.model.ScimJson;

/** Reads a SCIM request body; its media type was checked by {@code ContentTypeFilter}. */
final class RequestBodies {

    private RequestBodies() {
    }

    static ObjectNode readObject(Exchange exchange) {
        return ScimJson.parseObject(exchange.getMessage().getBody(String.class));
    }
}
