package org.scimbridge.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.scimbridge.scim.model.ScimJson;
import org.scimbridge.scim.schema.ResourceKind;

/**
 * Turns a {@code scim_resource} row, as a column map from camel-sql, camel-jdbc or JdbcTemplate, into a
 * {@link StoredResource}. Column names are matched case-insensitively and timestamps accepted in the types
 * H2 and PostgreSQL return.
 */
public final class ResourceRows {

    private ResourceRows() {
    }

    public static StoredResource fromRow(Map<String, ?> row) {
        Map<String, Object> r = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        r.putAll(row);
        return new StoredResource(
                (String) r.get("directory_id"),
                (String) r.get("id"),
                ResourceKind.fromResourceType((String) r.get("resource_type")),
                ScimJson.readStored(text(r.get("attributes"))),
                ((Number) r.get("version")).longValue(),
                timestamp(r.get("created")),
                timestamp(r.get("last_modified")),
                null,
                null);
    }

    public static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime odt) {
            return odt.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant().atOffset(ZoneOffset.UTC);
        }
        if (value instanceof Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        if (value instanceof java.time.ZonedDateTime zdt) {
            return zdt.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        }
        throw new IllegalStateException("Unexpected timestamp type " + (value == null ? null : value.getClass()));
    }

    private static String text(Object value) {
        if (value instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return (String) value;
    }

    public static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
