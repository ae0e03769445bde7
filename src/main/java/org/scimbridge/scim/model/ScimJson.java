package org.scimbridge.scim.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.scimbridge.scim.error.ScimErrorRenderer;
import org.scimbridge.scim.error.ScimException;

/**
 * The JSON settings for SCIM bodies: numbers kept exactly as sent (Entra re-sends what does not round-trip),
 * duplicate keys refused, nesting bounded.
 */
public final class ScimJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    private ScimJson() {
    }

    /** Parses a request body; anything that is not a JSON object is 400 invalidSyntax. */
    public static ObjectNode parseObject(String body) {
        if (body == null || body.isBlank()) {
            throw ScimException.invalidSyntax("The request body is empty");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ScimErrorRenderer.notJson(e);
        } catch (NumberFormatException | ArithmeticException e) {
            throw ScimException.invalidSyntax("The body holds a number out of range");
        }
        if (!(node instanceof ObjectNode object)) {
            throw ScimException.invalidSyntax("The body must be a JSON object");
        }
        return object;
    }

    /** Reads JSON the bridge wrote itself (the store); a failure here is a bug, not bad input. */
    public static ObjectNode readStored(String json) {
        try {
            return (ObjectNode) MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is unreadable", e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
