-- Issue 8.4: the size of a resource's JSON, kept beside it, so a list page budgets its response from the rows'
-- sizes without reading their JSON: OCTET_LENGTH(attributes) reads every value of the page's candidates (up to
-- 1,000 rows of 1 MB users, seconds, past the statement timeout on a busy host). Written with every write of
-- attributes. Rows from before stay NULL and are measured when listed (COALESCE in SearchQueryBuilder) until their
-- next write: a backfill here would read, and on PostgreSQL rewrite, the whole table while the bridge starts.
ALTER TABLE scim_resource ADD COLUMN attributes_bytes BIGINT;
