package org.scimbridge.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.scimbridge.scim.error.ScimException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Set operations on {@code scim_group_member}. Callers hold the group's row lock, so reading which ids are
 * already members and then inserting the others cannot race. Work is proportional to the ids in the request.
 */
@Component
public class MemberStore {

    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public MemberStore(JdbcTemplate jdbc, NamedParameterJdbcTemplate named) {
        this.jdbc = jdbc;
        this.named = named;
    }

    /** Adds the ids that are not members yet; returns those actually added. Unknown ids: 400, nothing added. */
    public List<StoredResource.Member> add(String directoryId, String groupId, Collection<String> ids) {
        Map<String, String> types = resolve(directoryId, groupId, ids);
        java.util.Set<String> present = new java.util.HashSet<>(existing(directoryId, groupId, types.keySet()));
        List<StoredResource.Member> added = new ArrayList<>();
        for (Map.Entry<String, String> e : types.entrySet()) {
            if (!present.contains(e.getKey())) {
                added.add(new StoredResource.Member(e.getKey(), e.getValue(), null));
            }
        }
        jdbc.batchUpdate("INSERT INTO scim_group_member (directory_id, group_id, member_id, member_type)"
                        + " VALUES (?, ?, ?, ?)", added, CHUNK,
                (ps, m) -> {
                    ps.setString(1, directoryId);
                    ps.setString(2, groupId);
                    ps.setString(3, m.value());
                    ps.setString(4, m.type());
                });
        return added;
    }

    /** Removes those of the ids that are members; returns them. Ids that are not members are ignored. */
    public List<StoredResource.Member> remove(String directoryId, String groupId, Collection<String> ids) {
        List<StoredResource.Member> removed = new ArrayList<>();
        for (List<String> chunk : chunks(new LinkedHashSet<>(ids))) {
            MapSqlParameterSource p = new MapSqlParameterSource("dir", directoryId).addValue("group", groupId)
                    .addValue("ids", chunk);
            removed.addAll(named.query("SELECT member_id, member_type FROM scim_group_member"
                            + " WHERE directory_id = :dir AND group_id = :group AND member_id IN (:ids)", p,
                    (rs, i) -> new StoredResource.Member(rs.getString(1), rs.getString(2), null)));
            named.update("DELETE FROM scim_group_member WHERE directory_id = :dir AND group_id = :group"
                    + " AND member_id IN (:ids)", p);
        }
        return removed;
    }

    public List<StoredResource.Member> removeAll(String directoryId, String groupId) {
        List<StoredResource.Member> removed = list(directoryId, groupId, false);
        jdbc.update("DELETE FROM scim_group_member WHERE directory_id = ? AND group_id = ?", directoryId, groupId);
        return removed;
    }

    /** Removes a resource from every group it is in; returns the ids of those groups. */
    public List<String> removeFromAllGroups(String directoryId, String memberId) {
        List<String> groups = jdbc.queryForList("SELECT group_id FROM scim_group_member WHERE directory_id = ?"
                + " AND member_id = ? ORDER BY group_id", String.class, directoryId, memberId);
        jdbc.update("DELETE FROM scim_group_member WHERE directory_id = ? AND member_id = ?", directoryId,
                memberId);
        return groups;
    }

    public List<StoredResource.Member> list(String directoryId, String groupId, boolean withDisplay) {
        if (!withDisplay) {
            return jdbc.query("SELECT member_id, member_type FROM scim_group_member WHERE directory_id = ?"
                            + " AND group_id = ? ORDER BY member_id",
                    (rs, i) -> new StoredResource.Member(rs.getString(1), rs.getString(2), null), directoryId,
                    groupId);
        }
        return jdbc.query("SELECT m.member_id, m.member_type, r.display_name, r.user_name"
                        + " FROM scim_group_member m LEFT JOIN scim_resource r"
                        + " ON r.directory_id = m.directory_id AND r.id = m.member_id"
                        + " WHERE m.directory_id = ? AND m.group_id = ? ORDER BY m.member_id",
                (rs, i) -> new StoredResource.Member(rs.getString(1), rs.getString(2),
                        rs.getString(3) != null ? rs.getString(3) : rs.getString(4)),
                directoryId, groupId);
    }

    /** The groups a user (or group) is a direct member of, with their display names: User.groups. */
    public List<StoredResource.Member> groupsOf(String directoryId, String memberId) {
        return jdbc.query("SELECT g.id, g.display_name FROM scim_group_member m JOIN scim_resource g"
                        + " ON g.directory_id = m.directory_id AND g.id = m.group_id"
                        + " WHERE m.directory_id = ? AND m.member_id = ? ORDER BY g.display_name_lc, g.id",
                (rs, i) -> new StoredResource.Member(rs.getString(1), "Group", rs.getString(2)), directoryId,
                memberId);
    }

    /** The type (User or Group) of each id, in request order; 400 invalidValue when any is unknown. */
    private Map<String, String> resolve(String directoryId, String groupId, Collection<String> ids) {
        LinkedHashSet<String> unique = new LinkedHashSet<>(ids);
        if (unique.contains(groupId)) {
            throw ScimException.invalidValue("A group cannot be a member of itself");
        }
        Map<String, String> found = new java.util.HashMap<>();
        for (List<String> chunk : chunks(unique)) {
            named.query("SELECT id, resource_type FROM scim_resource WHERE directory_id = :dir AND id IN (:ids)",
                    new MapSqlParameterSource("dir", directoryId).addValue("ids", chunk),
                    rs -> {
                        found.put(rs.getString(1), rs.getString(2));
                    });
        }
        Map<String, String> types = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String id : unique) {
            String type = found.get(id);
            if (type == null) {
                unknown.add(id);
            } else {
                types.put(id, type);
            }
        }
        if (!unknown.isEmpty()) {
            throw ScimException.invalidValue("Unknown member id(s): "
                    + String.join(", ", unknown.subList(0, Math.min(10, unknown.size())))
                    + (unknown.size() > 10 ? " and " + (unknown.size() - 10) + " more" : ""));
        }
        return types;
    }

    private List<String> existing(String directoryId, String groupId, Collection<String> ids) {
        List<String> present = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            present.addAll(named.queryForList("SELECT member_id FROM scim_group_member WHERE directory_id = :dir"
                            + " AND group_id = :group AND member_id IN (:ids)",
                    new MapSqlParameterSource("dir", directoryId).addValue("group", groupId).addValue("ids", chunk),
                    String.class));
        }
        return present;
    }

    private static List<List<String>> chunks(Collection<String> ids) {
        List<String> all = new ArrayList<>(ids);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }
}
