package org.scimbridge.store.query;

import java.util.List;
import org.scimbridge.store.StoredResource;

/**
 * One page of a list query: the resources in order, how many match in all, and for cursor paging (RFC 9865)
 * the cursor of the next page (null on the last page, and always null for startIndex paging).
 */
public record ListPage(long totalResults, List<StoredResource> resources, String nextCursor) {

    public ListPage(long totalResults, List<StoredResource> resources) {
        this(totalResults, resources, null);
    }
}
