-- The identity of this store of record: one row, a random id that StoreIdentity writes the first time it is asked
-- (so on H2 and PostgreSQL alike, without a database-specific UUID function). A sink target records it beside the
-- position it applied (the LDAP watermark), so a target fed by another store, or by this one rebuilt from empty,
-- is told apart from a target that is merely behind. The CHECK keeps the table to its one row.
CREATE TABLE scim_store_identity (
    singleton      INTEGER        NOT NULL PRIMARY KEY CHECK (singleton = 1),
    store_id       VARCHAR(36)    NOT NULL,
    created        TIMESTAMP WITH TIME ZONE NOT NULL
);
