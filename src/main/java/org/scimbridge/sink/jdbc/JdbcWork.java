package org.scimbridge.sink.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import org.scimbridge.sink.FeedChange;
import org.scimbridge.sink.SinkWork;

/** One change on its way into one JDBC sink; travels as an exchange property through {@code sink-jdbc-apply-*}. */
public final class JdbcWork extends SinkWork {

    public JdbcWork(String sink, FeedChange change, JsonNode payload, boolean replay) {
        super(sink, change, payload, replay);
    }

    /** What the route writes: {@code user-upsert}, {@code user-delete}, {@code group-upsert}, {@code group-delete}. */
    public String getKind() {
        FeedChange change = getChange();
        return (change.isUser() ? "user-" : "group-") + (change.isDelete() ? "delete" : "upsert");
    }

    @Override
    public String toString() {
        return getSink() + " " + getChange();
    }
}
