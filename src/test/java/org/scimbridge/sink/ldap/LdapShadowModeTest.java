package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldif.LDIFChangeRecord;
import com.unboundid.ldif.LDIFReader;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.scimbridge.sink.MassChangeGuard;
import org.scimbridge.testsupport.ExpectedLog;
import org.scimbridge.testsupport.InProcessBridge;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Shadow mode ({@code shadow: true}) on the UnboundID in-memory server, through three starts of the bridge on one
 * store: live (the target gets its first entries), shadow (a create, a PATCH, a group membership change, a disable
 * and a delete: the tree is unchanged, attribute for attribute, operational ones included, while the LDIF holds the
 * writes), and live again (what was pending is applied, behind the mass-change guard, and the tree is what the
 * shadow LDIF applied to a copy gives).
 */
class LdapShadowModeTest {

    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(MassChangeGuard.class)
            .expect("deletes and disables queued").expect("an operator released");

    static final String BASE = "dc=example,dc=org";
    static final String DIR = "shadowdir";
    static final String SINK = "ldap-sh";
    static final String TOKEN = "shadow-admin-token-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static InMemoryDirectoryServer ldap;
    static final String DB = "jdbc:h2:mem:shadow-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @BeforeAll
    static void directory() throws Exception {
        ldap = server();
    }

    @AfterAll
    static void stop() {
        ldap.shutDown(true);
    }

    static InMemoryDirectoryServer server() throws Exception {
        InMemoryDirectoryServerConfig cfg = new InMemoryDirectoryServerConfig(BASE);
        cfg.addAdditionalBindCredentials("cn=admin," + BASE, "admin");
        cfg.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", 0));
        InMemoryDirectoryServer s = new InMemoryDirectoryServer(cfg);
        s.startListening();
        s.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example");
        for (String ou : List.of("people", "groups", "disabled")) {
            s.add("dn: ou=" + ou + "," + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: " + ou);
        }
        return s;
    }

    static ConfigurableApplicationContext bridge(boolean shadow) {
        String p = "--scim-bridge.sinks." + SINK + ".";
        return new InProcessBridge().keepLogging()
                .database(DB)
                .with("--scim-bridge.admin-token=" + TOKEN)
                .with("--scim-bridge.directories." + DIR + ".token=shadow-dir-token")
                .with("--scim-bridge.directories." + DIR + ".sinks=" + SINK)
                .with(p + "type=ldap")
                .with(p + "url=ldap://localhost:" + ldap.getListenPort())
                .with(p + "bind-dn=cn=admin," + BASE)
                .with(p + "password=admin")
                .with(p + "base-dn=" + BASE)
                .with(p + "people-base=ou=people," + BASE)
                .with(p + "groups-base=ou=groups," + BASE)
                .with(p + "shadow=" + shadow)
                .with(p + "shadow-file=" + tmp.resolve("shadow.ldif"))
                .with(p + "mass-change.max-count=1")
                .with(p + "mass-change.max-percent=0")
                .with("--scim-bridge.stream.poll-period-ms=50")
                .with("--scim-bridge.stream.poll-delay-ms=50")
                .with("--scim-bridge.stream.watermark-check-ms=200")
                .run(c -> { });
    }

    static final String ALICE = UUID.randomUUID().toString();
    static final String BOB = UUID.randomUUID().toString();
    static final String CAROL = UUID.randomUUID().toString();
    static final String DAVE = UUID.randomUUID().toString();
    static final String ERIN = UUID.randomUUID().toString();
    static final String ENG = UUID.randomUUID().toString();

    @Test
    void shadowRecordsWithoutWritingAndSwitchingOffAppliesWhatIsPending() throws Exception {
        // 1. live: the target gets its first entries
        long head;
        try (ConfigurableApplicationContext live = bridge(false)) {
            FeedWriter feed = feed(live);
            for (String[] u : List.of(new String[] {ALICE, "alice"}, new String[] {BOB, "bob"},
                    new String[] {DAVE, "dave"}, new String[] {ERIN, "erin"})) {
                feed.user(DIR, "CREATE", LdapSinkTestBase.user(u[0], u[1], u[1], "Example"));
            }
            head = feed.group(DIR, "CREATE", LdapSinkTestBase.group(ENG, "eng"), List.of(ALICE), List.of());
            awaitPosition(live, SINK, head);
        }
        assertThat(ldap.getEntry("uid=alice,ou=people," + BASE)).isNotNull();

        // 2. shadow: five changes, none of them reaches the target
        String before = export(ldap, true);
        List<Entry> beforeEntries = entries(ldap);
        long last;
        String ldif;
        try (ConfigurableApplicationContext shadow = bridge(true)) {
            FeedWriter feed = feed(shadow);
            feed.user(DIR, "CREATE", LdapSinkTestBase.user(CAROL, "carol", "Carol", "Example"));
            Map<String, Object> alice = LdapSinkTestBase.user(ALICE, "alice", "Alicia", "Example");
            feed.user(DIR, "UPDATE", alice);
            feed.group(DIR, "UPDATE", LdapSinkTestBase.group(ENG, "eng"), List.of(ERIN), List.of());
            Map<String, Object> bob = LdapSinkTestBase.user(BOB, "bob", "bob", "Example");
            bob.put("active", false);
            feed.user(DIR, "UPDATE", bob);
            last = feed.user(DIR, "DELETE", LdapSinkTestBase.user(DAVE, "dave", "dave", "Example"));
            awaitPosition(shadow, SINK + ".shadow", last);

            assertThat(export(ldap, true)).isEqualTo(before);
            JdbcTemplate jdbc = shadow.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT last_seq FROM sink_position WHERE sink = ?", Long.class, SINK))
                    .as("the real position does not move in shadow").isEqualTo(head);

            JsonNode page = JSON.readTree(get(shadow, "/admin/sinks/" + SINK + "/shadow?directory=" + DIR
                    + "&after=" + head + "&limit=10", "application/json"));
            JsonNode records = page.get("records");
            assertThat(records).hasSize(5);
            assertThat(records.get(0).get("resource").asText()).isEqualTo(CAROL);
            assertThat(records.get(0).get("ldif").asText())
                    .startsWith("dn: uid=carol,ou=people," + BASE + "\nchangetype: add\n");
            assertThat(records.get(1).get("ldif").asText())
                    .startsWith("dn: uid=alice,ou=people," + BASE + "\nchangetype: modify\n")
                    .contains("givenName: Alicia");
            assertThat(records.get(2).get("ldif").asText()).contains("changetype: modify\nadd: member\n"
                    + "member: uid=erin,ou=people," + BASE);
            assertThat(records.get(3).get("ldif").asText()).startsWith("dn: uid=bob,ou=people," + BASE
                    + "\nchangetype: modrdn\nnewrdn: uid=bob\ndeleteoldrdn: 1\nnewsuperior: ou=disabled," + BASE);
            assertThat(records.get(4).get("ldif").asText())
                    .isEqualTo("dn: uid=dave,ou=people," + BASE + "\nchangetype: delete\n\n");
            assertThat(page.get("next").asLong()).isEqualTo(last);
            assertThat(JSON.readTree(get(shadow, "/admin/sinks/" + SINK + "/shadow?directory=" + DIR
                    + "&after=" + (last - 1), "application/json")).get("records")).hasSize(1);

            ldif = get(shadow, "/admin/sinks/" + SINK + "/shadow?directory=" + DIR + "&after=" + head
                    + "&format=ldif", "*/*");
            assertThat(ldif).startsWith("version: 1\n").contains("changetype: add", "changetype: delete");
            assertThat(get(shadow, "/admin/sinks/" + SINK + "/shadow?directory=" + DIR + "&after=" + head,
                    "text/ldif")).isEqualTo(ldif);
            HttpResponse<String> reconcile = send(shadow, HttpRequest.newBuilder(uri(shadow, "/admin/sinks/" + SINK
                    + "/reconcile?directory=" + DIR + "&dryRun=false")).POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(reconcile.statusCode()).as("a repair would write").isEqualTo(409);
            assertThat(export(ldap, true)).isEqualTo(before);
            String file = Files.readString(tmp.resolve("shadow.ldif"));
            for (JsonNode r : records) {
                assertThat(file).contains(r.get("ldif").asText());
            }
        }

        // the shadow LDIF, applied to a copy of the target as it was
        InMemoryDirectoryServer copy = server();
        try {
            try (LDAPConnection c = copy.getConnection()) {
                for (Entry e : beforeEntries) {
                    if (copy.getEntry(e.getDN()) == null) {
                        c.add(e);
                    }
                }
                LDIFReader reader = new LDIFReader(new ByteArrayInputStream(ldif.replaceFirst("version: 1\n", "")
                        .getBytes(StandardCharsets.UTF_8)));
                LDIFChangeRecord rec;
                while ((rec = reader.readChangeRecord(true)) != null) {
                    rec.processChange(c);
                }
            }

            // 3. live again: what is pending is applied, after the mass-change guard let it (a disable + a delete)
            try (ConfigurableApplicationContext live = bridge(false)) {
                await().atMost(Duration.ofSeconds(20)).until(() -> get(live, "/admin/sinks/" + SINK, "application/json")
                        .contains("\"held\":true"));
                assertThat(export(ldap, true)).as("held: nothing applied").isEqualTo(before);
                HttpResponse<String> released = send(live, HttpRequest.newBuilder(uri(live, "/admin/sinks/" + SINK
                        + "/mass-change/" + DIR + "/release")).POST(HttpRequest.BodyPublishers.noBody()));
                assertThat(released.statusCode()).isEqualTo(200);
                awaitPosition(live, SINK, last);
                assertThat(log.warnings()).anyMatch(w -> w.contains("2 deletes and disables queued"))
                        .anyMatch(w -> w.contains("an operator released 2 deletes and disables"));
            }
            assertThat(ldap.getEntry("uid=carol,ou=people," + BASE)).isNotNull();
            assertThat(ldap.getEntry("uid=bob,ou=disabled," + BASE)).isNotNull();
            assertThat(ldap.getEntry("uid=dave,ou=people," + BASE)).isNull();
            assertThat(export(ldap, false)).as("the shadow LDIF reproduces what the live sink wrote")
                    .isEqualTo(export(copy, false));
        } finally {
            copy.shutDown(true);
        }
    }

    static FeedWriter feed(ConfigurableApplicationContext c) {
        return new FeedWriter(c.getBean(JdbcTemplate.class), c.getBean(TransactionTemplate.class));
    }

    static void awaitPosition(ConfigurableApplicationContext c, String stream, long seq) {
        JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Long> p = jdbc.queryForList("SELECT last_seq FROM sink_position WHERE sink = ? AND directory_id = ?",
                    Long.class, stream, DIR);
            return !p.isEmpty() && p.get(0) >= seq;
        });
    }

    static List<Entry> entries(InMemoryDirectoryServer s) throws Exception {
        List<Entry> all = new ArrayList<>(s.search(BASE, SearchScope.SUB, "(objectClass=*)", "*").getSearchEntries());
        all.sort(Comparator.comparingInt((Entry e) -> e.getDN().split(",").length).thenComparing(Entry::getDN));
        return all;
    }

    /**
     * The tree as LDIF, sorted by DN. {@code operational}: with every operational attribute (modifyTimestamp,
     * entryCSN ...), so that any write shows; without them, and without the bridge's position entries (which only
     * the live sink keeps), for comparing two servers.
     */
    static String export(InMemoryDirectoryServer s, boolean operational) throws Exception {
        List<Entry> all = new ArrayList<>(s.search(BASE, SearchScope.SUB, "(objectClass=*)",
                operational ? new String[] {"*", "+"} : new String[] {"*"}).getSearchEntries());
        all.sort(Comparator.comparing(Entry::getDN));
        StringBuilder sb = new StringBuilder();
        for (Entry e : all) {
            if (!operational && e.getDN().toLowerCase().contains("ou=scim-bridge-state")) {
                continue;
            }
            List<String> lines = new ArrayList<>(List.of(e.toLDIF()));
            lines.subList(1, lines.size()).sort(null);
            sb.append(String.join("\n", lines)).append("\n\n");
        }
        return sb.toString();
    }

    static URI uri(ConfigurableApplicationContext c, String path) {
        return URI.create("http://localhost:" + c.getEnvironment().getProperty("local.server.port") + path);
    }

    static HttpResponse<String> send(ConfigurableApplicationContext c, HttpRequest.Builder b) throws Exception {
        return HttpClient.newHttpClient().send(b.header("Authorization", "Bearer " + TOKEN).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String get(ConfigurableApplicationContext c, String path, String accept) throws Exception {
        HttpResponse<String> r = send(c, HttpRequest.newBuilder(uri(c, path)).header("Accept", accept));
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return r.body();
    }
}
