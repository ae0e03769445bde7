-- Members a group change of an LDAP sink could not write because the member has no entry in the target yet
-- (its own change is parked): the group change applies without them, and the member joins these groups when its
-- parked change is replayed. A later removal of the member from the group, or the group's delete, drops the row.
CREATE TABLE sink_ldap_pending_member (
    sink           VARCHAR(64)    NOT NULL,
    directory_id   VARCHAR(64)    NOT NULL,
    member_id      VARCHAR(64)    NOT NULL,
    group_id       VARCHAR(64)    NOT NULL,
    since          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sink, directory_id, member_id, group_id)
);
CREATE INDEX sink_ldap_pending_member_group ON sink_ldap_pending_member (sink, directory_id, group_id);
