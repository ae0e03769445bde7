package org.scimbridge.store.query;

import java.time.OffsetDateTime;

/**
 * Where the next page of a cursor-paged list (RFC 9865) starts, as decoded from a verified cursor.
 *
 * @param afterCreated the default order's key of the last row handed out, or null before the first page
 * @param afterId      ... with its id
 * @param position     how many rows were handed out before: the offset of a page sorted by {@code sortBy}
 */
public record PageCursor(OffsetDateTime afterCreated, String afterId, long position) {

    public static final PageCursor FIRST = new PageCursor(null, null, 0);

    public boolean isFirst() {
        return afterId == null && position == 0;
    }
}
