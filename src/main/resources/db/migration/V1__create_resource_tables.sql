-- The store of record. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

-- One row per User or Group. attributes holds the resource JSON exactly as sent (minus id, meta and group
-- members); the other columns are what Entra matches on, kept for indexes and uniqueness.
CREATE TABLE scim_resource (
    directory_id   VARCHAR(64)   NOT NULL,
    id             VARCHAR(64)   NOT NULL,
    resource_type  VARCHAR(16)   NOT NULL,
    user_name      VARCHAR(512),
    user_name_lc   VARCHAR(512),
    display_name   VARCHAR(512),
    display_name_lc VARCHAR(512),
    group_name_lc  VARCHAR(512),
    external_id    VARCHAR(512),
    active         BOOLEAN,
    version        BIGINT        NOT NULL,
    created        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_modified  TIMESTAMP WITH TIME ZONE NOT NULL,
    attributes     TEXT          NOT NULL,
    PRIMARY KEY (directory_id, id)
);

-- userName is unique per directory, case-insensitively (NULL for groups, and NULLs never collide).
CREATE UNIQUE INDEX ux_resource_user_name ON scim_resource (directory_id, user_name_lc);
-- Group displayName is unique per directory (NULL for users).
CREATE UNIQUE INDEX ux_resource_group_name ON scim_resource (directory_id, group_name_lc);
CREATE INDEX ix_resource_external_id ON scim_resource (directory_id, resource_type, external_id);
CREATE INDEX ix_resource_display_name ON scim_resource (directory_id, resource_type, display_name_lc);
CREATE INDEX ix_resource_created ON scim_resource (directory_id, resource_type, created, id);
