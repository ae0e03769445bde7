package org.scimbridge.sink.ldap;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimbridge.sink.SinkStreams;
import org.scimbridge.testsupport.ExpectedLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPURL;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.scimbridge.sink.SinkFeedStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The LDAP sink against a real OpenLDAP slapd ({@code scripts/slapd-start.sh}; CI sets
 * {@code SCIM_BRIDGE_TEST_LDAP_URL}). An Entra-shaped sequence, then the tree entry by entry; then an outage:
 * slapd stopped while changes keep coming, started again, and the tree converges in order.
 */
@EnabledIfEnvironmentVariable(named = "SCIM_BRIDGE_TEST_LDAP_URL", matches = "ldap://.+")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ldapslapd;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "scim-bridge.embedded-ldap.enabled=false",
        "scim-bridge.directories.demo.sinks=",
        "scim-bridge.directories.slapd.token=slapd-token",
        "scim-bridge.directories.slapd.sinks=ldap-slapd",
        "scim-bridge.stream.poll-period-ms=50",
        "scim-bridge.stream.poll-delay-ms=50",
        "scim-bridge.stream.initial-backoff-ms=50",
        "scim-bridge.stream.max-backoff-ms=500",
        "scim-bridge.stream.transient-retries=3",
        "scim-bridge.stream.refusals-before-park=3",
        "scim-bridge.sinks.ldap-slapd.type=ldap",
        "scim-bridge.sinks.ldap-slapd.url=${SCIM_BRIDGE_TEST_LDAP_URL}",
        "scim-bridge.sinks.ldap-slapd.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd.password=admin",
        "scim-bridge.sinks.ldap-slapd.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd.people-base=ou=people,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd.groups-base=ou=groups,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd.disabled-base=ou=disabled,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd.empty-group-member=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd.refused-values.mail=skip",
        "scim-bridge.stream.watermark-check-ms=200",
        // a directory over SCIM into OUs of its own on the same slapd, restored from a backup by the test
        "scim-bridge.directories.slapdrefill.token=slapdrefill-token",
        "scim-bridge.directories.slapdrefill.sinks=ldap-slapd-refill",
        "scim-bridge.sinks.ldap-slapd-refill.type=ldap",
        "scim-bridge.sinks.ldap-slapd-refill.url=${SCIM_BRIDGE_TEST_LDAP_URL}",
        "scim-bridge.sinks.ldap-slapd-refill.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd-refill.password=admin",
        "scim-bridge.sinks.ldap-slapd-refill.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd-refill.people-base=ou=refill-people,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd-refill.groups-base=ou=refill-groups,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd-refill.disabled-base=ou=refill-disabled,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd-refill.empty-group-member=cn=admin,dc=example,dc=org"
})
class LdapSinkSlapdTest {

    /** The warnings these tests cause on purpose: asserted here, kept off the build's console. */
    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(SinkStreams.class, LdapWatermark.class, LdapSinkSteps.class);


    static final String PEOPLE = "ou=people,dc=example,dc=org";
    static final String GROUPS = "ou=groups,dc=example,dc=org";
    static final String DISABLED = "ou=disabled,dc=example,dc=org";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    SinkFeedStore feedStore;
    @Autowired
    org.apache.camel.CamelContext camel;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    FeedWriter feed;
    LDAPConnection ldap;

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void entraCycleOverHttpEndsInTheExpectedTreeOnSlapd() throws Exception {
        EntraCycle cycle = new EntraCycle(new org.scimbridge.testsupport.ScimClient(port, "slapd", "slapd-token"));
        cycle.provision();
        cycle.assertScimState();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> feedStore.position("ldap-slapd", "slapd") == feedStore.head("slapd"));
        cycle.assertLdapTree(ldap);
    }

    @BeforeEach
    void connect() throws Exception {
        feed = new FeedWriter(jdbc, tx);
        LDAPURL url = new LDAPURL(System.getenv("SCIM_BRIDGE_TEST_LDAP_URL"));
        ldap = new LDAPConnection(url.getHost(), url.getPort(), "cn=admin,dc=example,dc=org", "admin");
    }

    @AfterEach
    void close() {
        ldap.close();
    }

    void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> feedStore.position("ldap-slapd", "slapd") == feedStore.head("slapd"));
    }

    Entry entry(String dn) throws Exception {
        if (!ldap.isConnected()) {
            ldap.reconnect();
        }
        return ldap.getEntry(dn, "*", "+");
    }

    @Test
    void entraShapedSequenceLeavesExactlyTheExpectedTree() throws Exception {
        String t = LdapSinkTestBase.uid().substring(0, 6);
        String alice = "a-" + t;
        String bob = "b-" + t;
        String carol = "c-" + t;
        String g = "g-" + t;
        Map<String, Object> ua = LdapSinkTestBase.user(alice, "alice." + t + "@contoso.com", "Alice", "Ng");
        ua.put(LdapSinkTestBase.ENTERPRISE, Map.of("department", "Sales", "employeeNumber", "1001"));
        Map<String, Object> ub = LdapSinkTestBase.user(bob, "bob." + t + "@contoso.com", "Bob", "O'Neil, Jr.");
        ub.put(LdapSinkTestBase.ENTERPRISE, Map.of("manager", Map.of("value", alice)));
        Map<String, Object> uc = LdapSinkTestBase.user(carol, "carol+" + t + "@contoso.com", "Carol", "Zoë");
        feed.user("slapd", "CREATE", ua);
        feed.user("slapd", "CREATE", ub);
        feed.user("slapd", "CREATE", uc);
        feed.group("slapd", "CREATE", LdapSinkTestBase.group(g, "Sales " + t), List.of(), List.of());
        feed.group("slapd", "UPDATE", LdapSinkTestBase.group(g, "Sales " + t), List.of(alice), List.of());
        feed.group("slapd", "UPDATE", LdapSinkTestBase.group(g, "Sales " + t), List.of(bob, carol), List.of());
        // PATCH replace title + department (fixture 12's shape, as the resulting resource)
        ua.put("title", "Lead");
        ua.put(LdapSinkTestBase.ENTERPRISE, Map.of("department", "Marketing", "employeeNumber", "1001"));
        feed.user("slapd", "UPDATE", ua);
        // disable Bob (fixture 14), rename Carol, remove Carol from the group, rename the group (fixture 36)
        ub.put("active", false);
        feed.user("slapd", "UPDATE", ub);
        uc.put("userName", "carol.renamed+" + t + "@contoso.com");
        feed.user("slapd", "UPDATE", uc);
        feed.group("slapd", "UPDATE", LdapSinkTestBase.group(g, "Marketing " + t), List.of(), List.of(carol));
        // delete Alice (fixture 31): the DELETE, then the group UPDATE with membersRemoved
        feed.user("slapd", "DELETE", Map.of("id", alice, "userName", "alice." + t + "@contoso.com"));
        feed.group("slapd", "UPDATE", LdapSinkTestBase.group(g, "Marketing " + t), List.of(), List.of(alice));
        awaitCaughtUp();

        assertThat(feedStore.parked("ldap-slapd")).isEmpty();
        assertThat(entry("uid=alice." + t + "@contoso.com," + PEOPLE)).isNull();

        String bobDn = "uid=bob." + t + "@contoso.com," + DISABLED;
        Entry b = entry(bobDn);
        assertThat(b).as("disabled user moved").isNotNull();
        assertThat(entry("uid=bob." + t + "@contoso.com," + PEOPLE)).isNull();
        assertThat(b.getAttributeValue("sn")).isEqualTo("O'Neil, Jr.");
        assertThat(b.getAttributeValue("cn")).isEqualTo("Bob O'Neil, Jr.");
        assertThat(b.getAttributeValue("givenName")).isEqualTo("Bob");

        String carolDn = "uid=carol.renamed\\+" + t + "@contoso.com," + PEOPLE;
        Entry c = entry(carolDn);
        assertThat(c).isNotNull();
        assertThat(c.getAttributeValue("uid")).isEqualTo("carol.renamed+" + t + "@contoso.com");
        assertThat(c.getAttributeValue("sn")).isEqualTo("Zoë");
        assertThat(entry("uid=carol\\+" + t + "@contoso.com," + PEOPLE)).isNull();

        assertThat(entry("cn=Sales " + t + "," + GROUPS)).isNull();
        Entry grp = entry("cn=Marketing " + t + "," + GROUPS);
        assertThat(grp.getObjectClassValues()).contains("groupOfNames");
        assertThat(grp.getAttributeValues("member")).as("Bob only, under his disabled DN").containsExactly(bobDn);
    }

    @Test
    void slapdOutageConvergesInOrderWithNothingParked() throws Exception {
        awaitCaughtUp();
        String t = LdapSinkTestBase.uid().substring(0, 6);
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = "o" + i + "-" + t;
            ids.add(id);
            Map<String, Object> u = LdapSinkTestBase.user(id + "-pad-pad-pad", "out" + i + "." + t, "Out", "Age");
            u.put("id", id);
            users.add(u);
            feed.user("slapd", "CREATE", u);
        }
        awaitCaughtUp();
        long position = feedStore.position("ldap-slapd", "slapd");
        log.expect("^sink ldap-slapd poll failed, will retry: CommunicationException");
        script("slapd-stop.sh", Map.of("KEEP_DATA", "1"));
        try {
            for (int v = 1; v <= 5; v++) {
                for (Map<String, Object> u : users) {
                    u.put("title", "v" + v);
                    feed.user("slapd", "UPDATE", u);
                }
            }
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> feedStore.position("ldap-slapd", "slapd") == position);
        } finally {
            script("slapd-start.sh", Map.of());
        }
        awaitCaughtUp();
        assertThat(feedStore.parked("ldap-slapd")).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(entry("uid=out" + i + "." + t + "," + PEOPLE).getAttributeValue("title")).isEqualTo("v5");
        }
        assertThat(log.warnings()).as("the outage was reported").anyMatch(w -> w.startsWith(
                "sink ldap-slapd poll failed, will retry: CommunicationException"));
    }

    @Test
    void nonAsciiMailIsSkippedByRuleNonAsciiPhoneParksAtOnceAndTheGroupGoesOnWithoutIt() throws Exception {
        // the fault run: slapd refused users whose mail was not ASCII (IA5String), each parked user held its groups
        String t = LdapSinkTestBase.uid().substring(0, 6);
        Map<String, Object> jurgen = LdapSinkTestBase.user("j-" + t, "jurgen." + t, "Jürgen", "Müller");
        jurgen.put("emails", List.of(Map.of("value", "jürgen.müller@example.com", "type", "work", "primary", true)));
        Map<String, Object> zoe = LdapSinkTestBase.user("z-" + t, "zoe." + t, "Zoë", "Ünal");
        // telephoneNumber is a PrintableString in slapd, and this target has no rule for it: park
        zoe.put("phoneNumbers", List.of(Map.of("value", "+49 ☎ 1234", "type", "work")));
        log.expect("^ldap-slapd slapd#\\d+ CREATE User j-" + t + ": ldap-slapd refused the value of mail ")
                .expect("^ldap-slapd slapd#\\d+ CREATE User z-" + t + " parked after 1 attempts: ");
        feed.user("slapd", "CREATE", jurgen);
        long zoeSeq = feed.user("slapd", "CREATE", zoe);
        feed.group("slapd", "CREATE", LdapSinkTestBase.group("g-" + t, "Umlaut " + t), List.of("j-" + t, "z-" + t),
                List.of());
        awaitCaughtUp();

        Entry j = entry("uid=jurgen." + t + "," + PEOPLE);
        assertThat(j).isNotNull();
        assertThat(j.getAttributeValue("mail")).isNull();
        assertThat(j.getAttributeValue("sn")).isEqualTo("Müller");
        assertThat(feedStore.parked("ldap-slapd")).filteredOn(p -> p.resourceId().equals("z-" + t))
                .singleElement().satisfies(p -> {
                    assertThat(p.seq()).isEqualTo(zoeSeq);
                    assertThat(p.attempts()).isEqualTo(1);
                    assertThat(p.error()).contains("telephoneNumber");
                });
        assertThat(entry("cn=Umlaut " + t + "," + GROUPS).getAttributeValues("member"))
                .containsExactly("uid=jurgen." + t + "," + PEOPLE);
        // the operator is told which value was dropped by rule, and which change was parked and why
        assertThat(log.warnings()).filteredOn(w -> w.contains("User j-" + t)).singleElement().asString()
                .contains("refused the value of mail").contains("InvalidAttributeValueException");
        assertThat(log.warnings()).filteredOn(w -> w.contains("User z-" + t)).singleElement().asString()
                .contains("CREATE User z-" + t + " parked after 1 attempts").contains("telephoneNumber");
        feedStore.unpark("ldap-slapd", "slapd", zoeSeq); // the other tests expect nothing parked
    }

    /**
     * The target restored from a backup taken earlier while the bridge's stream was stopped: entries created
     * since are gone, a user deleted since is back, a group misses a member, and the position entry holds the
     * position of the backup. Once the stream runs again the tree equals the store, and nobody acted.
     */
    @Test
    void aSlapdRestoredFromAnOlderBackupIsReconciledWhenTheStreamStartsAgain() throws Exception {
        List<String> ous = List.of("ou=refill-people,dc=example,dc=org", "ou=refill-groups,dc=example,dc=org",
                "ou=refill-disabled,dc=example,dc=org");
        for (String ou : ous) {
            if (entry(ou) == null) {
                ldap.add("dn: " + ou, "objectClass: organizationalUnit", "ou: " + ou.substring(3, ou.indexOf(',')));
            }
        }
        String t = LdapSinkTestBase.uid().substring(0, 6);
        var scim = new org.scimbridge.testsupport.ScimClient(port, "slapdrefill", "slapdrefill-token");
        String x = LdapReconcileTest.create(scim, "/Users", "{\"userName\":\"x-" + t + "\",\"name\":{\"givenName\":\"X\","
                + "\"familyName\":\"Ray\"}}");
        String y = LdapReconcileTest.create(scim, "/Users", "{\"userName\":\"y-" + t + "\",\"name\":{\"givenName\":\"Y\","
                + "\"familyName\":\"Es\"}}");
        String g = LdapReconcileTest.create(scim, "/Groups", "{\"displayName\":\"G " + t + "\",\"members\":[{\"value\":\""
                + x + "\"},{\"value\":\"" + y + "\"}]}");
        awaitCaughtUp("ldap-slapd-refill", "slapdrefill");
        String state = "ou=slapdrefill,ou=ldap-slapd-refill,ou=scim-bridge-state,dc=example,dc=org";
        long backupPosition = feedStore.position("ldap-slapd-refill", "slapdrefill");
        await().atMost(Duration.ofSeconds(10)).until(() -> entry(state) != null
                && entry(state).getAttributeValue("description").startsWith("position=" + backupPosition + " "));
        List<Entry> backup = new ArrayList<>(subtree(ous, t).values());
        backup.add(ldap.getEntry(state));

        String z = LdapReconcileTest.create(scim, "/Users", "{\"userName\":\"z-" + t + "\",\"name\":{\"givenName\":\"Z\","
                + "\"familyName\":\"Ed\"}}");
        assertThat(scim.patch("/Groups/" + g, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\"" + z + "\"}]}]}")
                .status()).isIn(200, 204);
        assertThat(scim.delete("/Users/" + y).status()).isEqualTo(204);
        awaitCaughtUp("ldap-slapd-refill", "slapdrefill");
        long position = feedStore.position("ldap-slapd-refill", "slapdrefill");
        await().atMost(Duration.ofSeconds(10)).until(() -> entry(state).getAttributeValue("description")
                .startsWith("position=" + position + " "));
        Map<String, Entry> current = subtree(ous, t);
        assertThat(current.keySet()).hasSize(3).noneMatch(dn -> dn.startsWith("uid=y-"));

        String route = org.scimbridge.sink.SinkCatalog.streamRouteId("ldap-slapd-refill");
        camel.getRouteController().stopRoute(route);
        for (String dn : current.keySet()) {
            ldap.delete(dn);
        }
        ldap.delete(state);
        for (Entry e : backup) {
            ldap.add(e);
        }
        assertThat(subtree(ous, t).keySet()).as("the backup is in place").contains("uid=y-" + t + ","
                + ous.get(0)).doesNotContain("uid=z-" + t + "," + ous.get(0));
        log.expect("^target ldap-slapd-refill holds position " + backupPosition + " for directory slapdrefill");
        camel.getRouteController().startRoute(route);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> subtree(ous, t).keySet().equals(current.keySet()));
        Map<String, Entry> after = subtree(ous, t);
        current.forEach((dn, e) -> assertThat(after.get(dn).getAttributes()).as(dn)
                .containsExactlyInAnyOrderElementsOf(e.getAttributes()));
        assertThat(entry(state).getAttributeValue("description")).startsWith("position=" + position + " ");
        assertThat(log.warnings()).filteredOn(w -> w.contains("slapdrefill")).containsExactly("target"
                + " ldap-slapd-refill holds position " + backupPosition + " for directory slapdrefill, the feed is at "
                + position + ": the target was restored or wiped; reconciling");
    }

    private Map<String, Entry> subtree(List<String> bases, String t) throws Exception {
        Map<String, Entry> m = new java.util.TreeMap<>();
        for (String base : bases) {
            for (Entry e : ldap.search(base, com.unboundid.ldap.sdk.SearchScope.ONE, "(|(uid=*-" + t + ")(cn=* " + t
                    + "))").getSearchEntries()) {
                m.put(e.getDN().toLowerCase(), new Entry(e.getDN(), e.getAttributes()));
            }
        }
        return m;
    }

    void awaitCaughtUp(String sink, String directory) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> feedStore.position(sink, directory) == feedStore.head(directory));
    }

    /**
     * Issue 10.2 on slapd: a group of {@code -Dslapd.big-group} members (5,000 in CI, where the lease and the
     * machine's load bound one change's time; 50,000 by {@code -Dslapd.big-group=50000}) is created in chunks,
     * and one member added and one removed is one modify of just those two values. The members' DN-map rows are
     * written directly (slapd does not check that a member DN exists), so the test costs the group, not 50,000
     * user creates.
     */
    @Test
    void bigGroupIsWrittenInChunksAndOneMemberChangeIsOneValueModify() throws Exception {
        int size = Integer.getInteger("slapd.big-group", 5_000);
        String t = LdapSinkTestBase.uid().substring(0, 6);
        List<String> ids = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        java.sql.Timestamp now = new java.sql.Timestamp(System.currentTimeMillis());
        for (int i = 0; i <= size + 1; i++) {
            String id = "big" + i + "-" + t;
            ids.add(id);
            rows.add(new Object[] {"ldap-slapd", "slapd", id, "User", "uid=" + id + "," + PEOPLE, false, now});
        }
        jdbc.batchUpdate("INSERT INTO sink_ldap_entry (sink, directory_id, resource_id, resource_type, dn, removed,"
                + " updated) VALUES (?, ?, ?, ?, ?, ?, ?)", rows);
        String gid = "big-" + t;
        String dn = "cn=Big " + t + "," + GROUPS;
        feed.group("slapd", "CREATE", LdapSinkTestBase.group(gid, "Big " + t), ids.subList(0, size), List.of());
        long start = System.nanoTime();
        awaitCaughtUp();
        System.out.printf("BENCH %d-member group created on slapd in %.1f s%n", size, (System.nanoTime() - start) / 1e9);
        assertThat(entry(dn).getAttributeValues("member")).hasSize(size);

        double writes = meters.get("scim_bridge_sink_ldap_writes_total").tag("sink", "ldap-slapd").counter().count();
        feed.group("slapd", "UPDATE", LdapSinkTestBase.group(gid, "Big " + t), List.of(ids.get(size)),
                List.of(ids.get(0)));
        awaitCaughtUp();
        assertThat(meters.get("scim_bridge_sink_ldap_writes_total").tag("sink", "ldap-slapd").counter().count())
                .isEqualTo(writes + 2); // the one modify of those two values, then the target's position entry
        String[] members = entry(dn).getAttributeValues("member");
        assertThat(members).hasSize(size).contains("uid=" + ids.get(size) + "," + PEOPLE)
                .doesNotContain("uid=" + ids.get(0) + "," + PEOPLE);
        assertThat(feedStore.parked("ldap-slapd")).isEmpty();
        ldap.delete(dn);
    }

    private static void script(String name, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "scripts/" + name).inheritIO();
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(new LinkedHashMap<>(env));
        pb.directory(new File("."));
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(name).isZero();
    }
}
