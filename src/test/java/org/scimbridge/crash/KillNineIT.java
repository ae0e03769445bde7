package org.scimbridge.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimbridge.testsupport.ScimClient;
import org.scimbridge.testsupport.ScimClient.Response;

/**
 * The packaged bridge as a real process, killed with SIGKILL while Entra-like traffic is being answered and the
 * LDAP sink is mid-stream, then started again on the same store. Every create that was answered 201 must be in
 * the store, and the LDAP tree must converge to exactly the stored users: nothing lost, nothing twice.
 * The LDAP server lives in this JVM, so it survives the bridge.
 */
class KillNineIT {

    /** Extra arguments of the bridge process: none for the embedded default store. */
    List<String> storeArguments() {
        return List.of();
    }


    private static final String PEOPLE = "ou=people,dc=example,dc=org";

    @TempDir
    Path dir;

    InMemoryDirectoryServer ldap;
    /** A directory of its own per run, so a shared PostgreSQL store starts this feed from nothing. */
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String directory = "crash-" + run;
    List<Process> bridges = new ArrayList<>();

    /** The LDAP server the bridge writes to: one in this JVM, so it outlives the bridge. */
    String startLdap() throws Exception {
        ldap = BridgeProcess.ldapServer();
        return "ldap://localhost:" + ldap.getListenPort();
    }

    LDAPConnection connect() throws Exception {
        return ldap.getConnection();
    }

    String ldapUrl;

    @BeforeEach
    void ldap() throws Exception {
        ldapUrl = startLdap();
    }

    @AfterEach
    void stop() {
        bridges.forEach(Process::destroyForcibly);
        if (ldap != null) {
            ldap.shutDown(true);
        }
    }

    @Test
    void killedMidStreamTheBridgeLosesNothingAndAppliesNothingTwice() throws Exception {
        int port = freePort();
        Process first = start(port, "first");
        ScimClient scim = new ScimClient(port, directory, "crash-token");

        Map<String, String> acknowledged = new ConcurrentHashMap<>(); // id -> userName, for every 201
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            pool.submit(() -> {
                for (int n = next.getAndIncrement(); n < 400; n = next.getAndIncrement()) {
                    String userName = "crash-" + run + "-" + n + "@example.com";
                    try {
                        Response r = scim.post("/Users", """
                                {"userName":"%s","name":{"givenName":"G%d","familyName":"F%d"},"displayName":"U %d",
                                 "emails":[{"type":"work","value":"%s","primary":true}]}"""
                                .formatted(userName, n, n, n, userName));
                        if (r.status() == 201) {
                            acknowledged.put(r.id(), userName);
                        }
                    } catch (RuntimeException connectionRefusedAfterTheKill) {
                        return;
                    }
                }
            });
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged.size() >= 120);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // SIGKILL: no shutdown hook, no clean close
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        int inLdapAtTheKill = peopleEntries().size();

        int port2 = freePort();
        start(port2, "second");
        ScimClient after = new ScimClient(port2, directory, "crash-token");
        for (Map.Entry<String, String> user : acknowledged.entrySet()) {
            Response r = after.get("/Users/" + user.getKey());
            assertThat(r.status()).as("acknowledged before the kill: %s", user.getValue()).isEqualTo(200);
        }
        JsonNode stored = after.get("/Users?count=1000&attributes=userName&filter=userName+sw+%22crash-" + run + "%22")
                .json();
        int storedCount = stored.get("totalResults").asInt();
        assertThat(storedCount).isGreaterThanOrEqualTo(acknowledged.size());

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> peopleEntries().size() == storedCount);
        List<Entry> entries = peopleEntries();
        assertThat(entries).extracting(e -> e.getAttributeValue("uid"))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        stored.get("Resources").findValuesAsText("userName"));
        for (Entry e : entries) {
            String n = e.getAttributeValue("uid").replaceAll("crash-" + run + "-(\\d+)@example.com", "$1");
            assertThat(e.getAttributeValue("cn")).isEqualTo("U " + n);
            assertThat(e.getAttributeValue("sn")).isEqualTo("F" + n);
        }
        assertThat(inLdapAtTheKill).as("the kill came while the sink was mid-stream").isLessThan(storedCount);
    }

    private List<Entry> peopleEntries() throws Exception {
        try (LDAPConnection c = connect()) {
            return new ArrayList<>(c.search(PEOPLE, SearchScope.ONE,
                    "(&(objectClass=inetOrgPerson)(uid=crash-" + run + "-*))", "*").getSearchEntries());
        }
    }

    private Process start(int port, String name) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--scim-bridge.directories." + directory + ".token=crash-token",
                "--scim-bridge.directories." + directory + ".sinks=ldap-default",
                "--scim-bridge.directories.demo.sinks=",
                // the store is the embedded default, exactly as configured, in ./data of the working directory
                "--scim-bridge.embedded-ldap.enabled=false",
                "--scim-bridge.sinks.ldap-default.url=" + ldapUrl,
                "--scim-bridge.sinks.ldap-default.password=admin",
                "--scim-bridge.stream.poll-period-ms=50",
                "--scim-bridge.stream.lease-ms=3000",
                "--logging.level.root=WARN"));
        arguments.addAll(storeArguments());
        Process process = BridgeProcess.start(dir, name, port, arguments);
        bridges.add(process);
        return process;
    }

    private static int freePort() throws IOException {
        return BridgeProcess.freePort();
    }
}
