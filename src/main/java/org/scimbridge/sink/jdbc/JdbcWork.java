package org.scimbridge.sink.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import org.scimbridge.sink.FeedChange;

/** One change on its way into one JDBC sink; travels as an exchange property through {@code sink-jdbc-apply-*}. */
public final class JdbcWork {

    private final String sink;
    private final FeedChange change;
    private final JsonNode payload;
    private final boolean replay;
    private volatile boolean finished;

    public JdbcWork(String sink, FeedChange change, JsonNode payload, boolean replay) {
        this.sink = sink;
        this.change = change;
        this.payload = payload;
        this.replay = replay;
    }

    public String getSink() {
        return sink;
    }

    public FeedChange getChange() {
        return change;
    }

    public JsonNode getPayload() {
        return payload;
    }

    public boolean isReplay() {
        return replay;
    }

    /** What the route writes: {@code user-upsert}, {@code user-delete}, {@code group-upsert}, {@code group-delete}. */
    public String getKind() {
        return (change.isUser() ? "user-" : "group-") + (change.isDelete() ? "delete" : "upsert");
    }

    public boolean isFinished() {
        return finished;
    }

    public void finish() {
        finished = true;
    }

    @Override
    public String toString() {
        return sink + " " + change;
    }
}
