package org.scimbridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.RawHttp;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 8.1 with the admin API on: no spelling of an admin path reaches it without the admin token, and the attempts
 * change neither the LDAP tree nor a parked change. The tree is prepared so that a reconcile or a replay that got
 * through would show: a user's entry was removed by hand, and its create change sits parked.
 */
class AdminApiOnPathTricksTest extends HardenedBridgeTestBase {

    private static final String PEOPLE = "ou=people,dc=example,dc=org";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void noSpellingOfAnAdminPathGetsThroughAndNothingChanges() throws Exception {
        String userName = "bypass-" + UUID.randomUUID().toString().substring(0, 8);
        ScimClient demo = new ScimClient(port, "demo", "demo-token");
        String id = demo.post("/Users", """
                {"userName":"%s","name":{"givenName":"By","familyName":"Pass"}}""".formatted(userName)).id();
        String dn = "uid=" + userName + "," + PEOPLE;
        try (LDAPConnection ldap = new LDAPConnection("localhost", LDAP_PORT, "cn=admin,dc=example,dc=org", "admin")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> ldap.getEntry(dn) != null);
            ldap.delete(dn);
            long seq = jdbc.queryForObject("SELECT seq FROM scim_change WHERE directory_id = 'demo' AND "
                    + "resource_id = ? AND operation = 'CREATE'", Long.class, id);
            jdbc.update("INSERT INTO sink_parked_change (sink, directory_id, seq, resource_type, resource_id, "
                    + "operation, attempts, error, parked_at, last_attempt_at) VALUES ('ldap-default', 'demo', ?, "
                    + "'User', ?, 'CREATE', 5, 'parked by the test', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", seq, id);
            Set<String> treeBefore = people(ldap);
            List<Map<String, Object>> parkedBefore = parked();

            List<String[]> requests = PathTricks.adminRequests(seq);
            Set<Integer> refused = Set.of(400, 401, 403, 404);
            int sent = PathTricks.assertAllRefused(port, requests, Map.of(), refused);
            sent += PathTricks.assertAllRefused(port, requests, Map.of("Authorization", "Bearer demo-token"), refused);
            sent += PathTricks.assertAllRefused(port, requests, Map.of("Authorization", "Bearer wrong"), refused);
            sent += PathTricks.assertAllRefused(port, requests, Map.of("Authorization", "Basic YWRtaW46YWRtaW4="),
                    refused);
            assertThat(sent).isGreaterThan(300);

            assertThat(people(ldap)).as("the LDAP tree").isEqualTo(treeBefore).doesNotContain(dn.toLowerCase());
            assertThat(parked()).as("the parked changes").isEqualTo(parkedBefore);

            // the admin API is there for its token, so each refusal above was the security chain's
            RawHttp.Response status = RawHttp.send(port, "GET", "/admin/sinks/ldap-default/parked",
                    Map.of("Authorization", "Bearer " + ADMIN_TOKEN), null);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.body()).contains(id);
        }
    }

    @Test
    void theAdminPathsAsWrittenAnswer401WithoutTheToken() {
        for (String[] request : PathTricks.ADMIN_REQUESTS) {
            RawHttp.Response r = RawHttp.send(port, request[0], request[1], Map.of(), request[0].equals("POST") ? "" : null);
            assertThat(r.status()).as(request[1]).isEqualTo(401);
            assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"scim-bridge-admin\"");
            PathTricks.assertScimError(r, request[1]);
        }
    }

    private Set<String> people(LDAPConnection ldap) throws Exception {
        Set<String> dns = new TreeSet<>();
        ldap.search(PEOPLE, SearchScope.ONE, "(objectClass=*)").getSearchEntries()
                .forEach(e -> dns.add(e.getDN().toLowerCase()));
        return dns;
    }

    private List<Map<String, Object>> parked() {
        return jdbc.queryForList("SELECT sink, directory_id, seq, resource_id, attempts, error, last_attempt_at "
                + "FROM sink_parked_change ORDER BY sink, directory_id, seq");
    }
}
