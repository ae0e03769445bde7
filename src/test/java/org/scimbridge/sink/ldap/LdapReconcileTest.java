package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimbridge.ScimBridgeApplication;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Reconcile against a tree the sink wrote and then damaged by hand: the dry run (endpoint and command) lists
 * exactly the damage, the real run repairs it to what the sink had written, and a second dry run finds nothing.
 */
class LdapReconcileTest extends LdapSinkTestBase {

    static final String P3 = "ou=people3,dc=example,dc=org";
    static final String D3 = "ou=disabled3,dc=example,dc=org";
    static final String G3 = "ou=groups3,dc=example,dc=org";

    @LocalServerPort
    int port;

    final String run = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void dryRunListsExactlyTheDamageAndTheRealRunRestoresWhatTheSinkWrote() throws Exception {
        ScimClient scim = new ScimClient(port, "recon", "recon-token");
        String ann = create(scim, "/Users", user("ann"));
        String ben = create(scim, "/Users", user("ben"));
        String cid = create(scim, "/Users", user("cid"));
        String dee = create(scim, "/Users", user("dee"));
        create(scim, "/Groups", group("Alpha", ann, ben));
        create(scim, "/Groups", group("Beta", cid, dee));
        assertThat(scim.patch("/Users/" + cid, """
                {"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[
                 {"op":"Replace","path":"active","value":"False"}]}""").status()).isEqualTo(200);
        awaitCaughtUp("ldap-recon", "recon");
        Map<String, Entry> written = tree();
        assertThat(written).containsKey(dn("cid", D3).toLowerCase());

        String clean = reconcile(true);
        assertThat(records(clean)).as("a tree as the sink wrote it has no drift:\n%s", clean).isEmpty();

        // the damage
        try (LDAPConnection admin = new LDAPConnection("localhost", PORT, PLACEHOLDER, "admin")) {
            admin.delete(dn("ann", P3));
            admin.add(new Entry(dn("stray", P3), new Attribute("objectClass", "top", "person",
                    "organizationalPerson", "inetOrgPerson"), new Attribute("uid", "stray-" + run),
                    new Attribute("cn", "Stray"), new Attribute("sn", "Stray")));
            admin.modify(dn("ben", P3), new Modification(ModificationType.REPLACE, "sn", "Wrong"));
            admin.modify(groupDn("Alpha"), new Modification(ModificationType.DELETE, "member", dn("ben", P3)));
            admin.modify(groupDn("Beta"), new Modification(ModificationType.ADD, "member", dn("ghost", P3)));
        }

        String dry = reconcile(true);
        Set<String> expected = Set.of(
                "add " + dn("ann", P3),
                "delete " + dn("stray", P3),
                "modify " + dn("ben", P3) + " replace sn=Ben" + run,
                "modify " + groupDn("Alpha") + " add member=" + dn("ben", P3),
                "modify " + groupDn("Beta") + " delete member=" + dn("ghost", P3));
        assertThat(records(dry)).as(dry).containsExactlyInAnyOrderElementsOf(lower(expected));
        assertThat(dry).as("a progress line every 3 entries, read 2 per page").contains("# progress: 3 entries read");
        assertThat(tree().keySet()).as("a dry run writes nothing").doesNotContain(dn("ann", P3).toLowerCase());

        // the command prints the same changes
        String command = command("--dry-run");
        assertThat(records(command)).as(command).containsExactlyInAnyOrderElementsOf(lower(expected));

        String repaired = reconcile(false);
        assertThat(records(repaired)).containsExactlyInAnyOrderElementsOf(lower(expected));
        Map<String, Entry> now = tree();
        assertThat(now.keySet()).isEqualTo(written.keySet());
        written.forEach((dn, e) -> assertThat(now.get(dn).getAttributes()).as(dn)
                .containsExactlyInAnyOrderElementsOf(e.getAttributes()));
        assertThat(records(reconcile(true))).as("nothing left to repair").isEmpty();
        assertThat(records(command("--dry-run"))).isEmpty();
    }

    String dn(String who, String base) {
        return "uid=" + who + "-" + run + "," + base;
    }

    String groupDn(String name) {
        return "cn=" + name + " " + run + "," + G3;
    }

    String user(String who) {
        String cap = Character.toUpperCase(who.charAt(0)) + who.substring(1);
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","%s"],"userName":"%s-%s","active":true,
                 "displayName":"%s %s","name":{"givenName":"%s","familyName":"%s%s"},
                 "emails":[{"primary":true,"type":"work","value":"%s-%s@example.com"}],
                 "%s":{"department":"Ops"}}""".formatted(ENTERPRISE, who, run, cap, run, cap, cap, run, who, run,
                ENTERPRISE);
    }

    String group(String name, String... members) {
        StringBuilder m = new StringBuilder();
        for (String id : members) {
            m.append(m.isEmpty() ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
        }
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s %s","members":[%s]}"""
                .formatted(name, run, m);
    }

    static String create(ScimClient scim, String path, String body) {
        ScimClient.Response r = scim.post(path, body);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.id();
    }

    Map<String, Entry> tree() throws Exception {
        Map<String, Entry> m = new TreeMap<>();
        for (String base : List.of(P3, D3, G3)) {
            for (Entry e : connection().search(base, SearchScope.ONE, "(|(uid=*-" + run + ")(cn=* " + run + "))")
                    .getSearchEntries()) {
                m.put(e.getDN().toLowerCase(), e);
            }
        }
        return m;
    }

    String reconcile(boolean dryRun) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/admin/sinks/ldap-recon/reconcile?directory=recon&dryRun=" + dryRun))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** Runs the reconcile command in this JVM, against the same H2 store and LDAP server, and returns its output. */
    String command(String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--reconcile=ldap-recon", "--directory=recon",
                "--spring.datasource.url=jdbc:h2:mem:ldapsink;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "--scim-bridge.directories.demo.sinks=",
                "--scim-bridge.directories.recon.token=recon-token",
                "--scim-bridge.directories.recon.sinks=ldap-recon",
                "--scim-bridge.sinks.ldap-recon.type=ldap",
        "--scim-bridge.sinks.ldap-recon.url=ldap://localhost:" + PORT,
                "--scim-bridge.sinks.ldap-recon.bind-dn=cn=admin,dc=example,dc=org",
                "--scim-bridge.sinks.ldap-recon.password=admin",
                "--scim-bridge.sinks.ldap-recon.base-dn=dc=example,dc=org",
                "--scim-bridge.sinks.ldap-recon.people-base=" + P3,
                "--scim-bridge.sinks.ldap-recon.groups-base=" + G3,
                "--scim-bridge.sinks.ldap-recon.disabled-base=" + D3));
        args.addAll(List.of(extra));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            ConfigurableApplicationContext ctx = ScimBridgeApplication.reconcile(args.toArray(String[]::new));
            exit = SpringApplication.exit(ctx);
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(out).isZero();
        return out.substring(Math.max(0, out.indexOf("# reconcile ldap-recon")));
    }

    /**
     * The change records of LDIF-like output, each as one line: {@code add <dn>}, {@code delete <dn>}, or
     * {@code modify <dn> <op> <attr>=<v1>|<v2>} per modification; comments (progress, summary) left out.
     */
    static List<String> records(String ldif) {
        List<String> out = new ArrayList<>();
        for (String block : ldif.split("\n\n")) {
            List<String> lines = block.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
            if (lines.isEmpty()) {
                continue;
            }
            assertThat(lines.get(0)).startsWith("dn: ");
            String dn = lines.get(0).substring(4);
            String type = lines.get(1).substring("changetype: ".length());
            if (!type.equals("modify")) {
                out.add((type + " " + dn).toLowerCase());
                continue;
            }
            int i = 2;
            while (i < lines.size()) {
                String[] op = lines.get(i++).split(": ", 2);
                List<String> values = new ArrayList<>();
                while (i < lines.size() && !lines.get(i).equals("-")) {
                    values.add(lines.get(i++).split(": ", 2)[1]);
                }
                i++;
                out.add(("modify " + dn + " " + op[0] + " " + op[1] + "=" + String.join("|", values)).toLowerCase());
            }
        }
        return out;
    }

    static Set<String> lower(Set<String> s) {
        Set<String> out = new HashSet<>();
        s.forEach(x -> out.add(x.toLowerCase()));
        return out;
    }
}
