-- The LDAP sink's own map from SCIM id to the DN it wrote, per target: a rename (userName or displayName
-- change, or a disable by move) needs the old DN, which the feed does not carry. removed marks a user whose
-- entry was deleted by the 'delete' disable strategy (it comes back, memberships included, on re-enable).
-- posix_id is the gidNumber allocated to a posixGroup (NULL for other styles).
CREATE TABLE sink_ldap_entry (
    sink           VARCHAR(64)    NOT NULL,
    directory_id   VARCHAR(64)    NOT NULL,
    resource_id    VARCHAR(64)    NOT NULL,
    resource_type  VARCHAR(16)    NOT NULL,
    dn             VARCHAR(2048)  NOT NULL,
    removed        BOOLEAN        NOT NULL,
    posix_id       BIGINT,
    updated        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sink, directory_id, resource_id)
);
