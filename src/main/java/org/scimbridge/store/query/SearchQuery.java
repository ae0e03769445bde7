package org.scimbridge.store.query;

import java.util.Map;

/** One SQL statement answering a list query: the page's rows, each with {@code total_results}. */
public record SearchQuery(String sql, Map<String, Object> parameters) {
}
