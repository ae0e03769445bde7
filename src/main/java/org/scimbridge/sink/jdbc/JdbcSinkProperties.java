package org.scimbridge.sink.jdbc;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code scim-bridge.jdbc-sinks.<name>.*}: the JDBC sinks, each a datasource that receives flattened rows
 * ({@code accounts}, {@code account_groups}, {@code account_group_members}). None by default. A directory feeds
 * one by naming it in {@code scim-bridge.directories.<id>.sinks}, beside (or instead of) LDAP targets. How the
 * sink polls and retries is under {@code scim-bridge.jdbc-sink.*}, read by {@code routes/sink-jdbc.camel.yaml}.
 */
@Validated
@ConfigurationProperties(prefix = "scim-bridge")
public record JdbcSinkProperties(@Valid Map<String, Sink> jdbcSinks) {

    public JdbcSinkProperties {
        jdbcSinks = jdbcSinks == null ? Map.of() : Map.copyOf(jdbcSinks);
    }

    /**
     * @param url              JDBC URL of the receiving database
     * @param username         its user
     * @param password         its password (a credential: set it from the environment)
     * @param initializeSchema true: create the three tables if they are missing ({@code db/jdbc-sink/tables.sql},
     *                         H2 and PostgreSQL); false (default): they exist, as legacy tables do
     * @param maxPoolSize      connections to it (default 2: one poller writes, replays are rare)
     */
    public record Sink(@NotBlank String url, String username, String password, boolean initializeSchema,
                       Integer maxPoolSize) {
        public Sink {
            username = username == null ? "" : username;
            password = password == null ? "" : password;
            maxPoolSize = maxPoolSize == null || maxPoolSize < 1 ? 2 : maxPoolSize;
        }
    }
}
