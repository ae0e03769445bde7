-- Changes a sink gave up on after its retries, with the last error, so that the sink goes on with the rest
-- of the feed. blocked_by names the earlier parked change of the same resource when a change was parked only
-- to keep that resource's changes in order. Replaying a parked change deletes its row once it applied.
CREATE TABLE sink_parked_change (
    sink            VARCHAR(64)   NOT NULL,
    directory_id    VARCHAR(64)   NOT NULL,
    seq             BIGINT        NOT NULL,
    resource_type   VARCHAR(16)   NOT NULL,
    resource_id     VARCHAR(64)   NOT NULL,
    operation       VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    error           TEXT          NOT NULL,
    blocked_by      BIGINT,
    parked_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sink, directory_id, seq)
);

CREATE INDEX ix_parked_change_resource ON sink_parked_change (sink, directory_id, resource_id, seq);
