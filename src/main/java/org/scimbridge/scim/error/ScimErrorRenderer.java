package org.scimbridge.scim.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.scimbridge.ids.RandomIds;
import org.scimbridge.scim.schema.ScimSchemas;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a SCIM error body is written (RFC 7644 §3.12): {@code status} as a string, {@code scimType} where
 * the RFC names one, never a stack trace. Unknown exceptions become a 500 whose detail carries only a reference
 * that is also logged with the stack trace.
 */
public final class ScimErrorRenderer {

    private static final Logger LOG = LoggerFactory.getLogger(ScimErrorRenderer.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScimErrorRenderer() {
    }

    /** Maps any throwable to the SCIM exception it should be answered as. */
    public static ScimException toScim(Throwable error) {
        Throwable t = error;
        for (int i = 0; t != null && i < 10; i++, t = t.getCause()) {
            if (t instanceof ScimException scim) {
                return scim;
            }
            if (t instanceof JsonProcessingException json) {
                return notJson(json);
            }
        }
        String reference = RandomIds.string();
        LOG.error("Unexpected error, reference {}", reference, error);
        return new ScimException(500, null, "Internal error, reference " + reference);
    }

    /**
     * 400 invalidSyntax saying where the body stops being JSON, never the parser's own message: that names its
     * classes and features and may quote the input.
     */
    public static ScimException notJson(JsonProcessingException e) {
        long at = e.getLocation() == null ? -1 : e.getLocation().getCharOffset();
        return ScimException.invalidSyntax(at < 0 ? "The body is not valid JSON"
                : "The body is not valid JSON (at character " + at + ")");
    }

    public static String body(ScimException e) {
        return body(e.status(), e.scimType(), e.detail());
    }

    public static String body(int status, String scimType, String detail) {
        ObjectNode node = MAPPER.createObjectNode();
        node.putArray("schemas").add(ScimSchemas.ERROR);
        node.put("status", Integer.toString(status));
        if (scimType != null) {
            node.put("scimType", scimType);
        }
        if (detail != null) {
            node.put("detail", detail);
        }
        return node.toString();
    }
}
