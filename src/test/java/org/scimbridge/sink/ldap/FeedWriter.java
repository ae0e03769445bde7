package org.scimbridge.sink.ldap;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes numbered change-feed rows directly, as a sequencer does (FeedSequencer): bump {@code scim_feed_head.last_seq}
 * under its row lock and insert {@code scim_change} with that seq, in one transaction. Stands in for the SCIM API
 * in tests of the sinks alone; it shares the head row lock with the real sequencer, so both may run at once.
 */
final class FeedWriter {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json = new ObjectMapper();

    FeedWriter(JdbcTemplate jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    long append(String directory, String type, String id, String operation, Map<String, Object> resource,
                List<Map<String, Object>> added, List<Map<String, Object>> removed) {
        return tx.execute(s -> {
            int n = jdbc.update("UPDATE scim_feed_head SET last_seq = last_seq + 1 WHERE directory_id = ?", directory);
            if (n == 0) {
                jdbc.update("INSERT INTO scim_feed_head (directory_id, last_seq) VALUES (?, 1)", directory);
            }
            Long seq = jdbc.queryForObject("SELECT last_seq FROM scim_feed_head WHERE directory_id = ? FOR UPDATE",
                    Long.class, directory);
            String payload;
            try {
                payload = json.writeValueAsString(Map.of("resource", resource, "membersAdded", added,
                        "membersRemoved", removed));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            jdbc.update("INSERT INTO scim_change (directory_id, seq, resource_type, resource_id, operation, version,"
                            + " payload, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    directory, seq, type, id, operation, seq, payload, Timestamp.from(Instant.now()));
            return seq;
        });
    }

    long user(String directory, String operation, Map<String, Object> user) {
        return append(directory, "User", (String) user.get("id"), operation, user, List.of(), List.of());
    }

    long group(String directory, String operation, Map<String, Object> group, List<String> addedUserIds,
               List<String> removedUserIds) {
        return append(directory, "Group", (String) group.get("id"), operation, group,
                addedUserIds.stream().map(FeedWriter::member).toList(),
                removedUserIds.stream().map(FeedWriter::member).toList());
    }

    static Map<String, Object> member(String id) {
        return Map.of("value", id, "type", "User");
    }
}
