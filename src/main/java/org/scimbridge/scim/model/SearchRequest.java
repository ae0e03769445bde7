package org.scimbridge.scim.model;

import java.util.List;
import org.scimbridge.scim.filter.Filter;

/**
 * A list query (RFC 7644 §3.4.2): already parsed and bounded. {@code startIndex} is 1-based; {@code count} is
 * capped at the configured maximum page size.
 */
public record SearchRequest(
        Filter filter,
        String sortBy,
        boolean descending,
        int startIndex,
        int count,
        List<String> attributes,
        List<String> excludedAttributes) {
}
