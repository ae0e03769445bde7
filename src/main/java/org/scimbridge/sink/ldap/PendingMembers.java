package org.scimbridge.sink.ldap;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Memberships a group change left out because the member had no entry in the target (its own change parked),
 * {@code sink_ldap_pending_member}: so that one refused user never holds up the groups that name it. The member
 * joins them when its parked change is replayed ({@link LdapChangePlanner}).
 */
@Repository
public class PendingMembers {

    /** A change to the pending memberships, recorded once LDAP confirmed the change that made it. */
    public sealed interface Update permits Add, Drop, DropGroup {
    }

    /** The group change was applied without this member. */
    public record Add(String groupId, String memberId) implements Update {
    }

    /** The member joined the group, or left it in the store of record: nothing pending any more. */
    public record Drop(String groupId, String memberId) implements Update {
    }

    /** The group is gone. */
    public record DropGroup(String groupId) implements Update {
    }

    private final JdbcTemplate jdbc;

    public PendingMembers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The groups a member was left out of, oldest first. */
    public List<String> groupsOf(String sink, String directoryId, String memberId) {
        return jdbc.queryForList("SELECT group_id FROM sink_ldap_pending_member"
                        + " WHERE sink = ? AND directory_id = ? AND member_id = ? ORDER BY since, group_id",
                String.class, sink, directoryId, memberId);
    }

    public void apply(String sink, String directoryId, Update update) {
        if (update instanceof Add a) {
            // not a caught duplicate key: on PostgreSQL that would abort the transaction the DN map shares
            jdbc.update("INSERT INTO sink_ldap_pending_member (sink, directory_id, member_id, group_id, since)"
                            + " SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM sink_ldap_pending_member"
                            + " WHERE sink = ? AND directory_id = ? AND member_id = ? AND group_id = ?)",
                    sink, directoryId, a.memberId(), a.groupId(), Timestamp.from(Instant.now()),
                    sink, directoryId, a.memberId(), a.groupId());
        } else if (update instanceof Drop d) {
            jdbc.update("DELETE FROM sink_ldap_pending_member WHERE sink = ? AND directory_id = ? AND member_id = ?"
                    + " AND group_id = ?", sink, directoryId, d.memberId(), d.groupId());
        } else if (update instanceof DropGroup g) {
            jdbc.update("DELETE FROM sink_ldap_pending_member WHERE sink = ? AND directory_id = ? AND group_id = ?",
                    sink, directoryId, g.groupId());
        }
    }
}
