package org.scimbridge.store.query;

import java.util.Locale;
import java.util.Optional;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.AttributePath;
import org.scimbridge.scim.filter.FilterParser;
import org.scimbridge.scim.model.SearchRequest;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.scim.schema.SchemaRegistry;
import org.scimbridge.scim.schema.ScimSchemas;

/** Builds the statements that answer a list query: the filter as SQL, the sort, the page, the total count. */
public final class SearchQueryBuilder {

    private SearchQueryBuilder() {
    }

    public static SearchQuery build(String directoryId, ResourceKind kind, SearchRequest request) {
        SqlParameters params = new SqlParameters();
        StringBuilder where = new StringBuilder("r.directory_id = ").append(params.add(directoryId))
                .append(" AND r.resource_type = ").append(params.add(kind.resourceType()));
        if (request.filter() != null) {
            where.append(" AND ").append(new SqlFilterTranslator(kind, params).translate(request.filter()));
        }
        String order = orderBy(kind, request, params);
        String countSql = "SELECT COUNT(*) FROM scim_resource r WHERE " + where;
        String pageSql = "SELECT r.* FROM scim_resource r WHERE " + where + " ORDER BY " + order
                + " LIMIT " + params.add(request.count()) + " OFFSET " + params.add(request.startIndex() - 1);
        return new SearchQuery(pageSql, countSql, params.values());
    }

    private static String orderBy(ResourceKind kind, SearchRequest request, SqlParameters params) {
        String direction = request.descending() ? " DESC" : " ASC";
        String tail = "r.created, r.id";
        if (request.sortBy() == null || request.sortBy().isBlank()) {
            return tail;
        }
        AttributePath path;
        try {
            path = FilterParser.parseAttributePath(request.sortBy());
        } catch (ScimException e) {
            throw ScimException.invalidValue("sortBy is not an attribute path: " + request.sortBy());
        }
        Optional<SqlFilterTranslator.Column> column = SqlFilterTranslator.Column.of(kind, path);
        if (column.isPresent()) {
            return column.get().sql() + direction + ", " + tail;
        }
        String key = sortKey(kind, path);
        return "(SELECT MIN(s.attr_value_lc) FROM scim_attribute_value s WHERE s.directory_id = r.directory_id"
                + " AND s.resource_id = r.id AND s.path = " + params.add(key) + ")" + direction + ", " + tail;
    }

    private static String sortKey(ResourceKind kind, AttributePath path) {
        var definition = SchemaRegistry.attribute(kind, path);
        if (definition.isEmpty() && path.schemaUrn() == null) {
            throw ScimException.invalidValue("Unknown sortBy attribute " + path);
        }
        AttributePath leaf = definition.isPresent() && definition.get().isComplex() && !path.hasSubAttribute()
                ? path.withSubAttribute("value") : path;
        String schema = leaf.schemaUrn();
        if (schema == null && SchemaRegistry.isEnterpriseOnly(kind, leaf)) {
            schema = ScimSchemas.ENTERPRISE_USER;
        }
        return schema == null ? leaf.key() : schema.toLowerCase(Locale.ROOT) + ":" + leaf.key();
    }
}
