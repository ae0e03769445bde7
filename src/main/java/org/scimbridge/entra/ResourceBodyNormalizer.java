package org.scimbridge.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.schema.ResourceKind;

/** TEMPORARY stand-in until the PATCH branch lands. */
public final class ResourceBodyNormalizer {
    public ObjectNode normalize(ResourceKind kind, JsonNode body) {
        if (!(body instanceof ObjectNode o)) {
            throw ScimException.invalidSyntax("The body must be a JSON object");
        }
        ObjectNode copy = o.deepCopy();
        copy.remove("id");
        copy.remove("meta");
        return copy;
    }
}
