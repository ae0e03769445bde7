package org.scimbridge.store.query;

import java.util.List;
import org.scimbridge.scim.model.SearchRequest;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.store.ResourceRows;
import org.scimbridge.store.StoredResource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** Answers list queries from the store: the page's resources and the count of every match. */
@Component
public class ResourceSearch {

    private final NamedParameterJdbcTemplate jdbc;

    public ResourceSearch(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public ListPage search(String directoryId, ResourceKind kind, SearchRequest request) {
        SearchQuery query = SearchQueryBuilder.build(directoryId, kind, request);
        Long total = jdbc.queryForObject(query.countSql(), query.parameters(), Long.class);
        long totalResults = total == null ? 0 : total;
        if (request.count() == 0 || request.startIndex() > totalResults) {
            return new ListPage(totalResults, List.of());
        }
        List<StoredResource> resources = jdbc.queryForList(query.pageSql(), query.parameters()).stream()
                .map(ResourceRows::fromRow).toList();
        return new ListPage(totalResults, resources);
    }
}
