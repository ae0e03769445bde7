-- Every simple value of every resource, one row each, so any filter runs as SQL in the database.
-- path is lower-case: 'emails.value', 'name.givenname', 'urn:...:enterprise:2.0:user:manager.value'.
-- elem numbers the elements of a multi-valued attribute, so 'emails[type eq "work"].value' matches the type
-- and the value of one element. Values longer than 512 characters are not indexed.
CREATE TABLE scim_attribute_value (
    directory_id  VARCHAR(64)  NOT NULL,
    resource_id   VARCHAR(64)  NOT NULL,
    path          VARCHAR(300) NOT NULL,
    elem          INTEGER      NOT NULL,
    attr_value    VARCHAR(512) NOT NULL,
    attr_value_lc VARCHAR(512) NOT NULL
);

CREATE INDEX ix_attribute_value_lookup ON scim_attribute_value (directory_id, path, attr_value_lc);
CREATE INDEX ix_attribute_value_resource ON scim_attribute_value (directory_id, resource_id);
