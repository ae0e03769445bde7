package org.scimbridge.camel;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.scimbridge.config.BridgeProperties.DirectoryProperties;
import org.scimbridge.scim.model.AttributeProjection;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.web.ScimMediaType;

/** Names and accessors shared by the SCIM processors; the YAML routes set the same names. */
public final class ScimExchange {

    /** Path parameter of every SCIM URL. */
    public static final String DIRECTORY_ID = "directoryId";
    /** Path parameter of /Users/{id} and /Groups/{id}. */
    public static final String RESOURCE_ID = "id";
    /** Exchange property the routes set: {@code User} or {@code Group}. */
    public static final String KIND = "scimKind";
    /** Exchange property: the authenticated directory's configuration. */
    public static final String DIRECTORY = "scimDirectory";
    /** Exchange property: the status a resource response gets (201 after a create). */
    public static final String STATUS = "scimStatus";

    private ScimExchange() {
    }

    public static ResourceKind kind(Exchange exchange) {
        return ResourceKind.fromResourceType(exchange.getProperty(KIND, String.class));
    }

    public static String directoryId(Exchange exchange) {
        return exchange.getMessage().getHeader(DIRECTORY_ID, String.class);
    }

    public static String resourceId(Exchange exchange) {
        return exchange.getMessage().getHeader(RESOURCE_ID, String.class);
    }

    public static DirectoryProperties directory(Exchange exchange) {
        return exchange.getProperty(DIRECTORY, DirectoryProperties.class);
    }

    public static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }

    public static List<String> attributes(Exchange exchange) {
        return AttributeProjection.parseList(header(exchange, "attributes"));
    }

    public static List<String> excludedAttributes(Exchange exchange) {
        return AttributeProjection.parseList(header(exchange, "excludedAttributes"));
    }

    /**
     * Starts the response from no headers at all: platform-http maps every request header and query parameter to a
     * message header and would answer them back ({@code ?ETag=x} as {@code ETag: x}, the bearer token among them).
     * The processor then sets the few it writes itself ({@code ETag}, {@code Location}, {@code WWW-Authenticate},
     * {@code Retry-After}); {@code X-Request-Id} is set on the servlet response by AccessLogFilter, and
     * {@code web.ResponseHeaderAllowList} drops any other name.
     */
    public static void respond(Exchange exchange, int status, String body) {
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (body != null) {
            message.setHeader(Exchange.CONTENT_TYPE, ScimMediaType.SCIM_JSON);
        } else {
            message.removeHeader(Exchange.CONTENT_TYPE);
        }
        message.setBody(body);
    }
}
