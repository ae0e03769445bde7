package org.scimbridge.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimbridge.testsupport.ScimClient;

/**
 * The quick start as a new user runs it: the embedded defaults (H2 file in {@code ./data}, the in-memory LDAP
 * server the {@code demo} directory feeds), stopped and started again. The in-memory server starts with its OUs
 * only, the store still has every user; without anyone acting, the tree is the store's again, and the log says
 * why in one line.
 */
class EmbeddedLdapRefillIT {

    private static final String BASE = "dc=example,dc=org";

    @TempDir
    Path dir;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final List<Process> bridges = new ArrayList<>();

    @AfterEach
    void stop() {
        bridges.forEach(Process::destroyForcibly);
    }

    @Test
    void afterAStopAndStartTheEmbeddedLdapHoldsTheStoresUsersAndGroupsAgain() throws Exception {
        int ldapPort = BridgeProcess.freePort();
        int port = BridgeProcess.freePort();
        Process first = start(port, ldapPort, "first");
        ScimClient scim = new ScimClient(port, "demo", "demo-token");
        String ada = id(scim.post("/Users", "{\"userName\":\"ada-" + run + "\",\"name\":{\"givenName\":\"Ada\","
                + "\"familyName\":\"Lovelace\"}}"));
        String bob = id(scim.post("/Users", "{\"userName\":\"bob-" + run + "\",\"name\":{\"givenName\":\"Bob\","
                + "\"familyName\":\"Ross\"}}"));
        id(scim.post("/Groups", "{\"displayName\":\"Crew " + run + "\",\"members\":[{\"value\":\"" + ada + "\"},"
                + "{\"value\":\"" + bob + "\"}]}"));
        await().atMost(Duration.ofSeconds(60)).until(() -> tree(ldapPort).size() == 3);
        TreeSet<String> before = tree(ldapPort);

        first.destroy(); // SIGTERM, as Ctrl-C on mvn spring-boot:run
        assertThat(first.waitFor(90, TimeUnit.SECONDS)).as("stopped").isTrue();

        start(BridgeProcess.freePort(), ldapPort, "second");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> tree(ldapPort).equals(before));
        String log = Files.readString(dir.resolve("second.log"));
        assertThat(log.lines().filter(l -> l.contains("reconciling")).toList()).singleElement().asString()
                .contains("target ldap-default holds no position for directory demo")
                .contains("the embedded LDAP server started empty");
    }

    private Process start(int port, int ldapPort, String name) throws Exception {
        Process process = BridgeProcess.start(dir, name, port, List.of(
                "--scim-bridge.embedded-ldap.port=" + ldapPort));
        bridges.add(process);
        return process;
    }

    private static String id(ScimClient.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.id();
    }

    /** DNs with their member values, of the entries this run made. */
    private TreeSet<String> tree(int ldapPort) throws Exception {
        TreeSet<String> out = new TreeSet<>();
        try (LDAPConnection c = new LDAPConnection("localhost", ldapPort)) {
            c.search(BASE, SearchScope.SUB, "(|(uid=*-" + run + ")(cn=Crew " + run + "))").getSearchEntries()
                    .forEach(e -> {
                        List<String> members = e.hasAttribute("member")
                                ? new ArrayList<>(List.of(e.getAttributeValues("member"))) : List.of();
                        out.add(e.getDN().toLowerCase() + " " + new TreeSet<>(members).toString().toLowerCase());
                    });
        }
        return out;
    }
}
