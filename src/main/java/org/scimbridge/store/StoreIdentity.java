package org.scimbridge.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The id of this store of record ({@code scim_store_identity}, migration V12): generated once, the first time it
 * is asked for, and the same for every bridge that shares the database. A target that records it beside its
 * position can tell "behind this store" from "fed by another store" (the database was replaced or rebuilt).
 */
@Repository
public class StoreIdentity {

    private final JdbcTemplate jdbc;
    private volatile String id;

    public StoreIdentity(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public String id() {
        String known = id;
        if (known == null) {
            known = readOrCreate();
            id = known;
        }
        return known;
    }

    private String readOrCreate() {
        List<String> rows = jdbc.queryForList("SELECT store_id FROM scim_store_identity WHERE singleton = 1",
                String.class);
        if (!rows.isEmpty()) {
            return rows.get(0);
        }
        String fresh = UUID.randomUUID().toString();
        try {
            jdbc.update("INSERT INTO scim_store_identity (singleton, store_id, created) VALUES (1, ?, ?)", fresh,
                    Timestamp.from(Instant.now()));
            return fresh;
        } catch (DuplicateKeyException raced) {
            // another bridge on the same database wrote it first: take that one
            return jdbc.queryForObject("SELECT store_id FROM scim_store_identity WHERE singleton = 1", String.class);
        }
    }
}
