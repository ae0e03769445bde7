-- Who applies a (sink, directory) stream right now, when several bridges share one database: the instance named
-- in lease_owner, until lease_until (database time). An instance takes the lease when it is free or expired and
-- renews it while it works; a position moves only while its mover holds the lease (SinkFeedStore.advance).
-- A lease is a row value, not a held lock: no transaction stays open across LDAP calls, and the lease of an
-- instance killed with kill -9 simply expires.
ALTER TABLE sink_position ADD COLUMN lease_owner VARCHAR(200);
ALTER TABLE sink_position ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
