-- The JDBC sink's tables in the receiving database (scim-bridge.jdbc-sinks.<name>.initialize-schema=true creates
-- them; a legacy database has them already). Runs on H2 and PostgreSQL.
CREATE TABLE IF NOT EXISTS accounts (
    scim_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    user_name     VARCHAR(512)  NOT NULL,
    given_name    VARCHAR(512),
    family_name   VARCHAR(512),
    display_name  VARCHAR(512),
    email         VARCHAR(512),
    department    VARCHAR(512),
    active        BOOLEAN       NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE IF NOT EXISTS account_groups (
    scim_id       VARCHAR(64)   NOT NULL PRIMARY KEY,
    display_name  VARCHAR(512)  NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE TABLE IF NOT EXISTS account_group_members (
    group_id      VARCHAR(64)   NOT NULL,
    member_id     VARCHAR(64)   NOT NULL,
    member_type   VARCHAR(16)   NOT NULL,
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX IF NOT EXISTS ix_account_group_members_member ON account_group_members (member_id);
