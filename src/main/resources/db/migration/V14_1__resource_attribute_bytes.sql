-- Issue 8.4: the size of a resource's JSON, kept beside it, so a list page budgets its response from the rows'
-- sizes without reading their JSON: OCTET_LENGTH(attributes) read every value of the page's candidates (1,000 rows
-- of 1 MB users: about 1 GB read, 5 to 8 s, past the statement timeout). Written with every write of attributes;
-- rows from before are measured once here.
ALTER TABLE scim_resource ADD COLUMN attributes_bytes BIGINT;
UPDATE scim_resource SET attributes_bytes = OCTET_LENGTH(attributes);
