package org.scimbridge.camel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.config.BridgeProperties;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.AttributePath;
import org.scimbridge.scim.filter.Filter;
import org.scimbridge.scim.filter.FilterParser;
import org.scimbridge.scim.model.ScimJson;
import org.scimbridge.scim.model.SearchRequest;
import org.scimbridge.scim.search.ResourceTypeScope;
import org.springframework.stereotype.Component;

/**
 * Parses a list query (GET query string, or a POST /.search body) into a bounded {@link SearchRequest}, kept
 * on the exchange for the store ({@code searchResources}) and the response.
 */
@Component("buildSearchQuery")
public class BuildSearchQueryProcessor implements Processor {

    public static final String SEARCH_REQUEST = "scimSearchRequest";
    /** RFC 9865: the {@code cursor} parameter, present (an empty value asks for the first page) or null. */
    public static final String SEARCH_CURSOR = "scimSearchCursor";

    /**
     * Exchange property: true in a search at the directory's root ({@code /.search}), whose parameters are already
     * headers and whose filter and sortBy apply to each resource type as far as it defines their attributes.
     */
    public static final String ROOT_SEARCH = "scimRootSearch";

    private final BridgeProperties properties;

    public BuildSearchQueryProcessor(BridgeProperties properties) {
        this.properties = properties;
    }

    @Override
    public void process(Exchange exchange) {
        boolean root = exchange.getProperty(ROOT_SEARCH, false, Boolean.class);
        if (!root && "POST".equalsIgnoreCase(ScimExchange.header(exchange, Exchange.HTTP_METHOD))) {
            copySearchBodyToHeaders(exchange);
        }
        Filter filter = filter(exchange);
        String sortBy = blankToNull(ScimExchange.header(exchange, "sortBy"));
        if (root) {
            filter = ResourceTypeScope.restrict(filter, ScimExchange.kind(exchange));
            sortBy = sortBy != null && ResourceTypeScope.defines(ScimExchange.kind(exchange), sortPath(sortBy))
                    ? sortBy : null;
        }
        SearchRequest request = new SearchRequest(
                filter,
                sortBy,
                "descending".equalsIgnoreCase(ScimExchange.header(exchange, "sortOrder")),
                Math.max(1, integer(exchange, "startIndex", 1)),
                Math.min(properties.maxPageSize(), Math.max(0, integer(exchange, "count",
                        properties.defaultPageSize()))),
                ScimExchange.attributes(exchange),
                ScimExchange.excludedAttributes(exchange));
        exchange.setProperty(SEARCH_REQUEST, request);
        String cursor = ScimExchange.header(exchange, "cursor");
        if (cursor != null) {
            exchange.setProperty(SEARCH_CURSOR, cursor.strip());
        }
    }

    static Filter filter(Exchange exchange) {
        String filter = blankToNull(ScimExchange.header(exchange, "filter"));
        return filter == null ? null : FilterParser.parse(filter);
    }

    static AttributePath sortPath(String sortBy) {
        try {
            return FilterParser.parseAttributePath(sortBy);
        } catch (ScimException e) {
            throw ScimException.invalidValue("sortBy is not an attribute path: " + sortBy);
        }
    }

    /** RFC 7644 §3.4.3: the same parameters as a SearchRequest body. */
    static void copySearchBodyToHeaders(Exchange exchange) {
        // not RequestBodies.readObject: a NUL in the filter is the filter's error (invalidFilter), found by its parser
        ObjectNode body = ScimJson.parseObject(exchange.getMessage().getBody(String.class));
        for (String name : new String[] {"filter", "sortBy", "sortOrder", "startIndex", "count", "attributes",
                "excludedAttributes", "cursor"}) {
            JsonNode v = null;
            for (var it = body.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (k.equalsIgnoreCase(name)) {
                    v = body.get(k);
                }
            }
            if (v == null || v.isNull()) {
                exchange.getMessage().removeHeader(name);
            } else if (v.isArray()) {
                StringBuilder joined = new StringBuilder();
                v.forEach(e -> joined.append(joined.length() == 0 ? "" : ",").append(e.asText()));
                exchange.getMessage().setHeader(name, joined.toString());
            } else {
                exchange.getMessage().setHeader(name, v.asText());
            }
        }
    }

    private static int integer(Exchange exchange, String name, int fallback) {
        String value = blankToNull(ScimExchange.header(exchange, name));
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip().toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            throw ScimException.invalidValue(name + " must be an integer");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
