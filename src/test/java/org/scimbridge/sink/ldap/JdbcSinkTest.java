package org.scimbridge.sink.ldap;

import org.scimbridge.sink.SinkCatalog;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scimbridge.sink.jdbc.JdbcSinks;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The JDBC sink ({@code routes/sink-jdbc.camel.yaml}) beside the LDAP sink, both fed by the demo directory: the
 * scripted Entra cycle over HTTP leaves the {@code accounts} tables in the same state as the LDAP tree, and
 * the rows follow the lifecycle (disable keeps the row and its memberships, delete removes both).
 */
class JdbcSinkTest extends LdapSinkTestBase {

    @LocalServerPort
    int port;
    @Autowired
    JdbcSinks jdbcSinks;

    JdbcTemplate legacy;

    @BeforeEach
    void legacy() {
        legacy = new JdbcTemplate(jdbcSinks.dataSource("legacy"));
    }

    void awaitBoth() {
        awaitDemo();
        awaitCaughtUp("legacy", "demo");
    }

    @Test
    void afterTheEntraCycleTheTablesHoldWhatTheLdapTreeHolds() throws Exception {
        EntraCycle cycle = new EntraCycle(new ScimClient(port, "demo", "demo-token"));
        cycle.provision();
        awaitBoth();
        cycle.assertLdapTree(connection());

        // users: the same set, the same values
        Map<String, String> dnById = new HashMap<>();
        for (String id : List.of(cycle.alice, cycle.bob, cycle.carol)) {
            List<Map<String, Object>> rows = legacy.queryForList("SELECT * FROM accounts WHERE scim_id = ?", id);
            List<String> where = List.of(PEOPLE, DISABLED);
            Entry entry = null;
            String userName = rows.isEmpty() ? null : (String) rows.get(0).get("user_name");
            for (String base : where) {
                if (userName != null) {
                    List<com.unboundid.ldap.sdk.SearchResultEntry> found = connection().search(base, SearchScope.ONE,
                            "(uid=" + userName + ")").getSearchEntries();
                    entry = found.isEmpty() ? entry : found.get(0);
                }
            }
            if (id.equals(cycle.carol)) {
                assertThat(rows).as("carol deleted: no row").isEmpty();
                assertThat(connection().search(PEOPLE, SearchScope.ONE, "(uid=" + cycle.userName("carol") + ")")
                        .getEntryCount()).as("and no entry").isZero();
                continue;
            }
            assertThat(rows).hasSize(1);
            Map<String, Object> row = rows.get(0);
            assertThat(entry).as("an LDAP entry for the row of %s", userName).isNotNull();
            assertThat(row.get("given_name")).isEqualTo(entry.getAttributeValue("givenName"));
            assertThat(row.get("family_name")).isEqualTo(entry.getAttributeValue("sn"));
            assertThat(row.get("display_name")).isEqualTo(entry.getAttributeValue("displayName"));
            assertThat(row.get("email")).isEqualTo(entry.getAttributeValue("mail"));
            assertThat(row.get("department")).isEqualTo(entry.getAttributeValue("departmentNumber"));
            assertThat(row.get("active")).as("active iff under people").isEqualTo(entry.getDN().endsWith(PEOPLE));
            dnById.put(id, entry.getDN());
        }
        assertThat(legacy.queryForObject("SELECT active FROM accounts WHERE scim_id = ?", Boolean.class, cycle.bob))
                .as("bob re-enabled").isTrue();

        // groups: the same names, the same members
        for (String g : List.of(cycle.engineering, cycle.sales)) {
            String name = legacy.queryForObject("SELECT display_name FROM account_groups WHERE scim_id = ?",
                    String.class, g);
            Entry group = entry("cn=" + name + "," + GROUPS);
            assertThat(group).as("group %s", name).isNotNull();
            Set<String> rowMembers = new TreeSet<>();
            legacy.queryForList("SELECT member_id FROM account_group_members WHERE group_id = ?", String.class, g)
                    .forEach(m -> rowMembers.add(dnById.getOrDefault(m, "unknown member " + m).toLowerCase()));
            Set<String> ldapMembers = new TreeSet<>();
            for (String m : group.getAttributeValues("member")) {
                ldapMembers.add(m.toLowerCase());
            }
            assertThat(rowMembers).as("members of %s", name).isEqualTo(ldapMembers);
        }
        assertThat(legacy.queryForObject("SELECT COUNT(*) FROM account_group_members WHERE member_id = ?",
                Integer.class, cycle.carol)).as("deleted carol left every group").isZero();
        assertThat(feedStore.parkedCount("legacy")).isZero();
    }

    @Test
    void aDisabledUserKeepsItsRowAndMembershipsAndAReplayChangesNothing() throws Exception {
        String u = uid();
        String g = uid();
        Map<String, Object> user = user(u, "jd." + u.substring(0, 6), "Jay", "Dee");
        long first = feed.user("demo", "CREATE", user);
        feed.group("demo", "CREATE", group(g, "Jdbc " + g.substring(0, 6)), List.of(u), List.of());
        user.put("active", false);
        feed.user("demo", "UPDATE", user);
        awaitBoth();
        Map<String, Object> row = legacy.queryForMap("SELECT * FROM accounts WHERE scim_id = ?", u);
        assertThat(row.get("active")).isEqualTo(false);
        assertThat(row.get("user_name")).isEqualTo("jd." + u.substring(0, 6));
        assertThat(legacy.queryForList("SELECT member_id FROM account_group_members WHERE group_id = ?",
                String.class, g)).containsExactly(u);

        // as if the bridge died before the position moved: every change again, same rows
        camel.getRouteController().stopRoute(SinkCatalog.streamRouteId("legacy"));
        jdbc.update("UPDATE sink_position SET last_seq = ? WHERE sink = 'legacy' AND directory_id = 'demo'",
                first - 1);
        camel.getRouteController().startRoute(SinkCatalog.streamRouteId("legacy"));
        awaitCaughtUp("legacy", "demo");
        assertThat(legacy.queryForList("SELECT * FROM accounts WHERE scim_id = ?", u)).hasSize(1);
        assertThat(legacy.queryForList("SELECT member_id FROM account_group_members WHERE group_id = ?",
                String.class, g)).containsExactly(u);

        feed.user("demo", "DELETE", Map.of("id", u, "userName", "jd." + u.substring(0, 6)));
        awaitBoth();
        assertThat(legacy.queryForList("SELECT * FROM accounts WHERE scim_id = ?", u)).isEmpty();
        assertThat(legacy.queryForList("SELECT member_id FROM account_group_members WHERE group_id = ?",
                String.class, g)).isEmpty();
        assertThat(feedStore.parkedCount("legacy")).isZero();
    }
}
