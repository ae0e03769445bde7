-- Where each sink stands in each directory's change feed. A sink has applied every change of the directory
-- up to and including last_seq (the feed is gapless per directory, so last_seq + 1 is the next one).
-- A sink moves last_seq only after its target confirmed the change (or after it parked the change).
CREATE TABLE sink_position (
    sink          VARCHAR(64)  NOT NULL,
    directory_id  VARCHAR(64)  NOT NULL,
    last_seq      BIGINT       NOT NULL,
    updated       TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sink, directory_id)
);
