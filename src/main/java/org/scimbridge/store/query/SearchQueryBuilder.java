package org.scimbridge.store.query;

import java.util.Set;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.scim.filter.AttributePath;
import org.scimbridge.scim.filter.FilterParser;
import org.scimbridge.scim.model.AttributeProjection;
import org.scimbridge.scim.model.SearchRequest;
import org.scimbridge.scim.schema.ResourceKind;

/** Builds the statements that answer a list query: the filter as SQL, the sort, the page, the total count. */
public final class SearchQueryBuilder {

    private SearchQueryBuilder() {
    }

    /**
     * @param countLimit a filtered count stops at this many matches (an unfiltered list has its count kept per
     *                   directory, {@code ResourceCounts}, and needs no statement)
     */
    public static SearchQuery build(String directoryId, ResourceKind kind, SearchRequest request, int countLimit) {
        return build(directoryId, kind, request, countLimit, null);
    }

    /**
     * @param after a cursor's position (RFC 9865), or null for {@code startIndex} paging. In the default order the
     *              page seeks past the cursor's last row (an index range, whatever the depth) and reads one row
     *              more than {@code count}, which tells whether there is a next page; sorted by {@code sortBy}
     *              the cursor carries its offset.
     */
    public static SearchQuery build(String directoryId, ResourceKind kind, SearchRequest request, int countLimit,
            PageCursor after) {
        SqlParameters params = new SqlParameters();
        StringBuilder where = new StringBuilder("r.directory_id = ").append(params.add(directoryId))
                .append(" AND r.resource_type = ").append(params.add(kind.resourceType()));
        if (request.filter() != null) {
            where.append(" AND ").append(new SqlFilterTranslator(directoryId, kind, params).translate(request.filter()));
        }
        // a filter seeks its own index and sorts its matches: naming the sort index's leading columns would make
        // H2 trade that seek for a walk of the directory in sort order
        String order = orderBy(kind, request, request.filter() == null);
        String countSql = "SELECT COUNT(*) FROM (SELECT 1 FROM scim_resource r WHERE " + where + " LIMIT "
                + params.add(countLimit) + ") matches";
        String pageWhere = where.toString();
        long offset = request.startIndex() - 1;
        int limit = request.count();
        if (after != null) {
            limit = request.count() + 1;
            offset = 0;
            if (isDefaultOrder(request) && after.afterId() != null) {
                String created = params.add(after.afterCreated());
                String id = params.add(after.afterId());
                // the range on created is what the index seeks; the OR only sorts out rows of the same instant
                pageWhere += request.descending()
                        ? " AND r.created <= " + created + " AND (r.created < " + created + " OR r.id < " + id + ")"
                        : " AND r.created >= " + created + " AND (r.created > " + created + " OR r.id > " + id + ")";
            } else if (!isDefaultOrder(request)) {
                offset = after.position();
            }
        }
        // phase 1 of a page (issue 8.4): its ids and the size of each row, not the JSON; ResourceSearch then reads
        // the JSON of the leading rows that fit the response's budget with FETCH_SQL; the sizes are a column (V14), as
        // OCTET_LENGTH reads the JSON it measures
        String members = kind == ResourceKind.GROUP
                && !AttributeProjection.excludes(request.attributes(), request.excludedAttributes(), "members")
                ? "(SELECT COUNT(*) FROM scim_group_member m WHERE m.directory_id = r.directory_id"
                        + " AND m.group_id = r.id)" : "0";
        String pageSql = "SELECT r.id, r.created,"
                + " COALESCE(r.attributes_bytes, OCTET_LENGTH(r.attributes)) AS json_bytes, " + members
                + " AS member_count FROM scim_resource r WHERE " + pageWhere + " ORDER BY " + order
                + " LIMIT " + params.add(limit) + " OFFSET " + params.add(offset);
        return new SearchQuery(pageSql, countSql, params.values());
    }

    /** Phase 2 of a page: the rows of the ids phase 1 chose, by primary key, in no particular order. */
    public static final String FETCH_SQL = "SELECT r.* FROM scim_resource r WHERE r.directory_id = :directoryId"
            + " AND r.id IN (:ids)";

    static boolean isDefaultOrder(SearchRequest request) {
        return request.sortBy() == null || request.sortBy().isBlank();
    }

    /** The attributes a list can be sorted by: each is a column with an index that starts with the directory. */
    public static final Set<String> SORTABLE = Set.of("id", "userName", "displayName", "externalId", "meta.created",
            "meta.lastModified");

    private static final Set<SqlFilterTranslator.Column> SORT_COLUMNS = Set.of(SqlFilterTranslator.Column.ID,
            SqlFilterTranslator.Column.USER_NAME, SqlFilterTranslator.Column.DISPLAY_NAME,
            SqlFilterTranslator.Column.EXTERNAL_ID, SqlFilterTranslator.Column.CREATED,
            SqlFilterTranslator.Column.LAST_MODIFIED);

    /**
     * The order of a page, spelled as the columns of the index that serves it, including the directory and type
     * its WHERE fixes: H2 reads a page in index order only when ORDER BY names the index's leading columns too.
     */
    private static String orderBy(ResourceKind kind, SearchRequest request, boolean indexPrefix) {
        String d = request.descending() ? " DESC" : " ASC";
        String directory = indexPrefix ? "r.directory_id" + d + ", " : "";
        String type = indexPrefix ? directory + "r.resource_type" + d + ", " : "";
        if (request.sortBy() == null || request.sortBy().isBlank()) {
            return type + "r.created" + d + ", r.id" + d;
        }
        AttributePath path;
        try {
            path = FilterParser.parseAttributePath(request.sortBy());
        } catch (ScimException e) {
            throw ScimException.invalidValue("sortBy is not an attribute path: " + request.sortBy());
        }
        // sorting by anything else would read and sort the whole directory for each page
        SqlFilterTranslator.Column column = SqlFilterTranslator.Column.of(kind, path)
                .filter(SORT_COLUMNS::contains)
                .orElseThrow(() -> ScimException.invalidValue("sortBy supports " + String.join(", ", SORTABLE)
                        + (kind == ResourceKind.GROUP ? " (userName on Users only)" : "") + ", not " + request.sortBy()));
        return switch (column) {
            // unique within a directory: their indexes need no tie-breaker
            case ID -> directory + "r.id" + d;
            case USER_NAME -> directory + "r.user_name_lc" + d;
            default -> type + column.sql() + d + ", r.id" + d;
        };
    }
}
