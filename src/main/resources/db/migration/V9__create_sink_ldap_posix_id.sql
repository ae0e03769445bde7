-- uidNumbers the LDAP sink allocated to users of a posix-account target. A row is written once, the first time a
-- user's number is needed (before its entry is written), and never updated or deleted: a rename or a replay of the
-- change finds the same number, and a deleted user's number is never handed out again (which the DN map,
-- whose row goes with the delete, could not promise). The unique (sink, kind, posix_id) makes two bridges on one
-- database that allocate at the same moment collide instead of sharing a number; the one that loses reads again
-- and takes the next number.
CREATE TABLE sink_ldap_posix_id (
    sink           VARCHAR(64)    NOT NULL,
    kind           VARCHAR(16)    NOT NULL,
    directory_id   VARCHAR(64)    NOT NULL,
    resource_id    VARCHAR(64)    NOT NULL,
    posix_id       BIGINT         NOT NULL,
    allocated      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sink, kind, directory_id, resource_id),
    CONSTRAINT sink_ldap_posix_id_unique UNIQUE (sink, kind, posix_id)
);
