package org.scimbridge.camel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.scimbridge.scim.model.NulCharacters;
import org.scimbridge.scim.model.ScimJson;

/** Reads a SCIM request body; its media type was checked by {@code ContentTypeFilter}. */
final class RequestBodies {

    private RequestBodies() {
    }

    /** The body as a JSON object; a NUL character in it is 400 invalidValue (see {@link NulCharacters}). */
    static ObjectNode readObject(Exchange exchange) {
        ObjectNode body = ScimJson.parseObject(exchange.getMessage().getBody(String.class));
        NulCharacters.refuseIn(body);
        return body;
    }
}
