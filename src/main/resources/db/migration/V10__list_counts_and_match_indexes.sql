-- Lists in O(page) (issue 14.2).
-- The number of resources per directory and type, in 16 stripes: a create adds 1 and a delete subtracts 1 on
-- a random stripe, in its own transaction, so concurrent writers of one directory rarely wait on the same row;
-- a list sums the stripes instead of counting the directory.
CREATE TABLE scim_resource_count (
    directory_id   VARCHAR(64) NOT NULL,
    resource_type  VARCHAR(16) NOT NULL,
    stripe         INTEGER     NOT NULL,
    resources      BIGINT      NOT NULL,
    PRIMARY KEY (directory_id, resource_type, stripe)
);

INSERT INTO scim_resource_count (directory_id, resource_type, stripe, resources)
    SELECT directory_id, resource_type, 0, COUNT(*) FROM scim_resource GROUP BY directory_id, resource_type;

-- The other attributes of one element of a resource, found by path and element index: the check of
-- type eq "work" for the email that matched, however many emails the user holds. Its prefix (directory_id,
-- resource_id) serves what ix_attribute_value_resource served.
CREATE INDEX ix_attribute_value_element ON scim_attribute_value (directory_id, resource_id, path, elem);
DROP INDEX ix_attribute_value_resource;

-- Each sortBy reads its index in order instead of sorting the directory; id breaks ties, so it ends each index.
CREATE INDEX ix_resource_last_modified ON scim_resource (directory_id, resource_type, last_modified, id);
DROP INDEX ix_resource_external_id;
CREATE INDEX ix_resource_external_id ON scim_resource (directory_id, resource_type, external_id, id);
DROP INDEX ix_resource_display_name;
CREATE INDEX ix_resource_display_name ON scim_resource (directory_id, resource_type, display_name_lc, id);
