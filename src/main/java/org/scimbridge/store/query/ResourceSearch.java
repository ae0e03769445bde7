package org.scimbridge.store.query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * {@link SearchProperties#maxFilteredCount()} matches. A page is read in two steps (issue 8.4): its ids with the
 * size of each row, then the JSON of only the leading rows that fit the response's {@link ResponseBudget}, so that
 * no page of large resources runs the heap out. The budget is on the stored JSON (plus an allowance per resource
 * and per group member), before {@code attributes}/{@code excludedAttributes} projection.
 */
@Component
public class ResourceSearch {

    /**
     * What a resource adds to its stored JSON once rendered: id, meta (created, lastModified, location, version)
     * and the list's punctuation. An estimate on the generous side, like {@link #MEMBER_BYTES}.
     */
    static final long RESOURCE_BYTES = 512;
    /** One group member rendered: value, $ref, type and display. */
    static final long MEMBER_BYTES = 256;

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
        return searchByCursor(directoryId, kind, request, cursor, ResponseBudget.unbounded());
    }

    /**
     * ... holding no more than {@code budget} takes: a page cut short hands out the cursor of the position after
     * its last returned row, so the next page starts at the first row left out.
     */
    public ListPage searchByCursor(String directoryId, ResourceKind kind, SearchRequest request, String cursor,
            ResponseBudget budget) {
        String scope = String.join("\n", directoryId, kind.resourceType(), String.valueOf(request.filter()),
                String.valueOf(request.sortBy()), Boolean.toString(request.descending()));
        PageCursor after = cursors.decode(scope, cursor);
        SearchQuery query = SearchQueryBuilder.build(directoryId, kind, request, maxFilteredCount, after);
        long totalResults = request.filter() == null ? counts.total(directoryId, kind) : count(query);
        if (request.count() == 0) {
            return new ListPage(totalResults, List.of(), null);
        }
        List<PageRow> rows = pageRows(query);
        boolean more = rows.size() > request.count();
        List<PageRow> asked = more ? rows.subList(0, request.count()) : rows;
        List<PageRow> fit = fitting(asked, budget);
        List<StoredResource> page = fetch(directoryId, fit);
        if (!more && fit.size() == asked.size()) {
            return new ListPage(totalResults, page, null);
        }
        PageCursor next = fit.isEmpty() ? after : new PageCursor(fit.get(fit.size() - 1).created(),
                fit.get(fit.size() - 1).id(), after.position() + fit.size());
        return new ListPage(totalResults, page, cursors.encode(scope, next));
    }

    public ListPage search(String directoryId, ResourceKind kind, SearchRequest request) {
        return search(directoryId, kind, request, ResponseBudget.unbounded());
    }

    /**
     * ... holding no more than {@code budget} takes: a page cut short has fewer than {@code count} resources, and
     * the client's next {@code startIndex} (this one plus {@code itemsPerPage}) starts at the first row left out.
     */
    public ListPage search(String directoryId, ResourceKind kind, SearchRequest request, ResponseBudget budget) {
        SearchQuery query = SearchQueryBuilder.build(directoryId, kind, request, maxFilteredCount);
        long totalResults = request.filter() == null ? counts.total(directoryId, kind) : count(query);
        if (request.count() == 0 || request.startIndex() > totalResults) {
            return new ListPage(totalResults, List.of());
        }
        return new ListPage(totalResults, fetch(directoryId, fitting(pageRows(query), budget)));
    }

    /** Phase 1: the page's ids in order, with what each row will take in the response. */
    private List<PageRow> pageRows(SearchQuery query) {
        return jdbc.query(query.pageSql(), query.parameters(), (rs, i) -> new PageRow(rs.getString("id"),
                ResourceRows.timestamp(rs.getObject("created")),
                rs.getLong("json_bytes") + RESOURCE_BYTES + rs.getLong("member_count") * MEMBER_BYTES));
    }

    /** The leading rows that the budget takes. */
    private static List<PageRow> fitting(List<PageRow> rows, ResponseBudget budget) {
        int n = 0;
        while (n < rows.size() && budget.take(rows.get(n).bytes())) {
            n++;
        }
        return rows.subList(0, n);
    }

    /**
     * Phase 2: the rows of the chosen ids, in the order of phase 1. A row deleted in between is left out (as if
     * it had been deleted just before the page was read).
     */
    private List<StoredResource> fetch(String directoryId, List<PageRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<String, StoredResource> byId = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList(SearchQueryBuilder.FETCH_SQL, Map.of("directoryId",
                directoryId, "ids", rows.stream().map(PageRow::id).toList()))) {
            StoredResource resource = ResourceRows.fromRow(row);
            byId.put(resource.id(), resource);
        }
        List<StoredResource> ordered = new ArrayList<>(rows.size());
        for (PageRow row : rows) {
            StoredResource resource = byId.get(row.id());
            if (resource != null) {
                ordered.add(resource);
            }
        }
        return ordered;
    }

    /** A row of phase 1: its id and sort key, and its estimated bytes in the response. */
    private record PageRow(String id, OffsetDateTime created, long bytes) {
    }

    private long count(SearchQuery query) {
        Long total = jdbc.queryForObject(query.countSql(), query.parameters(), Long.class);
        return total == null ? 0 : total;
    }
}
