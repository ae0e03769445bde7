package org.scimbridge.sink.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scimbridge.sink.ScimPath;
import org.scimbridge.sink.SinkChange;
import org.springframework.stereotype.Component;

/**
 * Flattens a {@link SinkChange} into the rows of the JDBC sink's tables, as maps of column to value: the bodies
 * of the {@code sql:} endpoints of {@code routes/sink-jdbc.camel.yaml}, whose {@code :#column} parameters read
 * them. Pure; the bean {@code jdbcRows} for the route.
 */
@Component("jdbcRows")
public final class AccountRows {

    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    /** The same sources as the LDAP sink's default map, so both sinks show the same values. */
    static final String EMAIL = "emails[primary].value|emails[type=work].value|emails[0].value";

    /** The {@code accounts} row of a user change. */
    public Map<String, Object> accountRow(SinkChange change) {
        return account(change.resourceId(), change.resource());
    }

    /** The {@code account_groups} row of a group change. */
    public Map<String, Object> groupRow(SinkChange change) {
        return group(change.resourceId(), change.resource());
    }

    /** The key of the changed resource's row, for deletes. */
    public Map<String, Object> keyRow(SinkChange change) {
        return key(change.resourceId());
    }

    /** The {@code account_group_members} rows of the members a group change added. */
    public List<Map<String, Object>> addedMemberRows(SinkChange change) {
        return members(change.resourceId(), change.membersAdded());
    }

    /** The {@code account_group_members} rows of the members a group change removed. */
    public List<Map<String, Object>> removedMemberRows(SinkChange change) {
        return members(change.resourceId(), change.membersRemoved());
    }

    /** A row of {@code accounts}; a disabled user keeps its row with {@code active = false}. */
    public static Map<String, Object> account(String id, JsonNode user) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scim_id", id);
        row.put("user_name", first(user, "userName"));
        row.put("given_name", first(user, "name.givenName"));
        row.put("family_name", first(user, "name.familyName"));
        row.put("display_name", first(user, "displayName"));
        row.put("email", first(user, EMAIL));
        row.put("department", first(user, ENTERPRISE + ":department"));
        row.put("active", active(user));
        row.put("updated_at", updatedAt(user));
        return row;
    }

    /** A row of {@code account_groups}. */
    public static Map<String, Object> group(String id, JsonNode group) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scim_id", id);
        row.put("display_name", first(group, "displayName"));
        row.put("updated_at", updatedAt(group));
        return row;
    }

    /** The key of a row, for deletes. */
    public static Map<String, Object> key(String id) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("scim_id", id);
        return row;
    }

    /** Rows of {@code account_group_members} for the members a change lists ({@code membersAdded}, ...). */
    public static List<Map<String, Object>> members(String groupId, List<SinkChange.Member> members) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (SinkChange.Member m : members) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("group_id", groupId);
            row.put("member_id", m.value());
            row.put("member_type", m.isGroup() ? "Group" : "User");
            rows.add(row);
        }
        return rows;
    }

    static boolean active(JsonNode user) {
        JsonNode a = user.path("active");
        if (a.isMissingNode() || a.isNull()) {
            return true;
        }
        return a.isBoolean() ? a.booleanValue() : !"false".equalsIgnoreCase(a.asText());
    }

    private static String first(JsonNode resource, String source) {
        for (String path : source.split("\\|")) {
            List<String> values = ScimPath.values(resource, path);
            if (!values.isEmpty()) {
                return values.get(0);
            }
        }
        return null;
    }

    private static Timestamp updatedAt(JsonNode resource) {
        String lastModified = resource.path("meta").path("lastModified").asText("");
        try {
            return lastModified.isEmpty() ? Timestamp.from(Instant.now())
                    : Timestamp.from(OffsetDateTime.parse(lastModified).toInstant());
        } catch (RuntimeException unparsable) {
            return Timestamp.from(Instant.now());
        }
    }
}
