package org.scimbridge.store.query;

import java.util.Map;

/**
 * The statements answering one list query, sharing their named parameters: {@code pageSql} selects the page's
 * ids with the size of each row ({@code id, created, json_bytes, member_count}; the JSON is read afterwards, as
 * much of it as the response's budget holds), {@code countSql} counts every match. Each is a plain SELECT with its parameters in its own WHERE
 * clause: no WITH clause, whose parameters H2 does not see when it reuses a cached result (H2 issue 4228).
 */
public record SearchQuery(String pageSql, String countSql, Map<String, Object> parameters) {
}
