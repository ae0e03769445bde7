package org.scimbridge.sink.jdbc;

import jakarta.validation.constraints.NotBlank;

/**
 * The keys of a JDBC sink, {@code scim-bridge.sinks.<name>} with {@code type: jdbc}: a database that receives
 * flattened rows ({@code accounts}, {@code account_groups}, {@code account_group_members}).
 *
 * @param url              JDBC URL of the receiving database
 * @param username         its user
 * @param password         its password (a credential: set it from the environment)
 * @param initializeSchema true: create the three tables if they are missing ({@code db/jdbc-sink/tables.sql},
 *                         H2 and PostgreSQL); false (default): they exist, as legacy tables do
 * @param maxPoolSize      connections to it (default 2: one stream writes, replays are rare)
 */
public record JdbcTarget(@NotBlank String url, String username, String password, boolean initializeSchema,
                         Integer maxPoolSize) {

    public JdbcTarget {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        maxPoolSize = maxPoolSize == null || maxPoolSize < 1 ? 2 : maxPoolSize;
    }
}
