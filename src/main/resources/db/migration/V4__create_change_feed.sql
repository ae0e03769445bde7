-- The change feed: one row per change, written in the same transaction as the change itself.
--
-- seq is gapless and commit-ordered per directory: a writer bumps scim_feed_head.last_seq for its directory
-- (which row-locks it until commit) and uses the new value. A rolled-back write rolls the bump back too, so a
-- sink that has applied seq N of a directory knows N+1 is the next change, with no gap to wait out.
--
-- payload: {"resource": <the resource as GET returns it, without members>,
--           "membersAdded": [{"value": id, "type": "User"|"Group"}, ...],
--           "membersRemoved": [{"value": id, "type": ...}, ...]}
-- For DELETE, "resource" holds only id, externalId, userName/displayName and meta.
CREATE TABLE scim_feed_head (
    directory_id   VARCHAR(64)  NOT NULL PRIMARY KEY,
    last_seq       BIGINT       NOT NULL
);

CREATE TABLE scim_change (
    directory_id   VARCHAR(64)  NOT NULL,
    seq            BIGINT       NOT NULL,
    resource_type  VARCHAR(16)  NOT NULL,
    resource_id    VARCHAR(64)  NOT NULL,
    operation      VARCHAR(16)  NOT NULL,
    version        BIGINT       NOT NULL,
    payload        TEXT         NOT NULL,
    created        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (directory_id, seq)
);

CREATE INDEX ix_change_resource ON scim_change (directory_id, resource_id, seq);
