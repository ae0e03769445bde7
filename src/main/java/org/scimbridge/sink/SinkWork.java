package org.scimbridge.sink;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change on its way into one sink. It travels as an exchange property through the sink's apply route; the
 * split sub-exchanges share this one object, so a change parked by a failing write stops the writes after it.
 */
public abstract class SinkWork {

    private final String sink;
    private final FeedChange change;
    private final JsonNode payload;
    private final boolean replay;
    private volatile boolean finished;

    protected SinkWork(String sink, FeedChange change, JsonNode payload, boolean replay) {
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

    /** true once the change is applied, parked or skipped: the steps after it do nothing. */
    public boolean isFinished() {
        return finished;
    }

    public void finish() {
        this.finished = true;
    }
}
