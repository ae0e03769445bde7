package org.scimbridge.store.query;

import java.util.List;
import org.scimbridge.config.SearchProperties;
import org.scimbridge.scim.model.SearchRequest;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.store.ResourceCounts;
import org.scimbridge.store.ResourceRows;
import org.scimbridge.store.StoredResource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers list queries from the store at the cost of the page: the page is read in index order, the count of
 * an unfiltered list is the directory's kept count, and a filtered count stops at
 * {@link SearchProperties#maxFilteredCount()} matches.
 */
@Component
public class ResourceSearch {

    private final NamedParameterJdbcTemplate jdbc;
    private final ResourceCounts counts;
    private final int maxFilteredCount;
    private final CursorCodec cursors;

    public ResourceSearch(NamedParameterJdbcTemplate jdbc, ResourceCounts counts, SearchProperties properties,
            CursorCodec cursors) {
        this.jdbc = jdbc;
        this.counts = counts;
        this.maxFilteredCount = properties.maxFilteredCount();
        this.cursors = cursors;
    }

    /**
     * RFC 9865 cursor paging: {@code cursor} is the value a previous page handed out as {@code nextCursor}, or
     * empty for the first page; {@code startIndex} is ignored.
     */
    public ListPage searchByCursor(String directoryId, ResourceKind kind, SearchRequest request, String cursor) {
        String scope = String.join("\n", directoryId, kind.resourceType(), String.valueOf(request.filter()),
                String.valueOf(request.sortBy()), Boolean.toString(request.descending()));
        PageCursor after = cursors.decode(scope, cursor);
        SearchQuery query = SearchQueryBuilder.build(directoryId, kind, request, maxFilteredCount, after);
        long totalResults = request.filter() == null ? counts.total(directoryId, kind) : count(query);
        if (request.count() == 0) {
            return new ListPage(totalResults, List.of(), null);
        }
        List<StoredResource> rows = jdbc.queryForList(query.pageSql(), query.parameters()).stream()
                .map(ResourceRows::fromRow).toList();
        if (rows.size() <= request.count()) {
            return new ListPage(totalResults, rows, null);
        }
        List<StoredResource> page = rows.subList(0, request.count());
        StoredResource last = page.get(page.size() - 1);
        String next = cursors.encode(scope, new PageCursor(last.created(), last.id(),
                after.position() + page.size()));
        return new ListPage(totalResults, page, next);
    }

    public ListPage search(String directoryId, ResourceKind kind, SearchRequest request) {
        SearchQuery query = SearchQueryBuilder.build(directoryId, kind, request, maxFilteredCount);
        long totalResults = request.filter() == null ? counts.total(directoryId, kind) : count(query);
        if (request.count() == 0 || request.startIndex() > totalResults) {
            return new ListPage(totalResults, List.of());
        }
        List<StoredResource> resources = jdbc.queryForList(query.pageSql(), query.parameters()).stream()
                .map(ResourceRows::fromRow).toList();
        return new ListPage(totalResults, resources);
    }

    private long count(SearchQuery query) {
        Long total = jdbc.queryForObject(query.countSql(), query.parameters(), Long.class);
        return total == null ? 0 : total;
    }
}
