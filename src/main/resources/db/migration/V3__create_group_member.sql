-- Group membership in its own table: adding or removing members costs what the change costs.
CREATE TABLE scim_group_member (
    directory_id  VARCHAR(64)  NOT NULL,
    group_id      VARCHAR(64)  NOT NULL,
    member_id     VARCHAR(64)  NOT NULL,
    member_type   VARCHAR(16)  NOT NULL,
    PRIMARY KEY (directory_id, group_id, member_id)
);

CREATE INDEX ix_group_member_member ON scim_group_member (directory_id, member_id);
