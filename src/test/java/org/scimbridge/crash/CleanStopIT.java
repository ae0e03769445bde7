package org.scimbridge.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scimbridge.testsupport.ScimClient;

/**
 * Start, stop (SIGTERM, as Ctrl-C or a service manager does), start again on the same store, with the default
 * lease of 60 s: the stop gives the sink's lease back before the store closes, its log has no warning, and the
 * first change after the new start reaches LDAP within 2 s instead of after the old lease ran out. The default
 * store is the embedded H2 file in {@code ./data}, as {@code mvn spring-boot:run} uses it.
 */
class CleanStopIT {

    /** Extra arguments of the bridge process: none for the embedded default store. */
    List<String> storeArguments() {
        return List.of();
    }

    private static final String PEOPLE = "ou=people,dc=example,dc=org";

    @TempDir
    Path dir;

    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String directory = "stop-" + run;
    InMemoryDirectoryServer ldap;
    final List<Process> bridges = new ArrayList<>();

    @BeforeEach
    void ldap() throws Exception {
        ldap = BridgeProcess.ldapServer();
    }

    @AfterEach
    void stop() {
        bridges.forEach(Process::destroyForcibly);
        if (ldap != null) {
            ldap.shutDown(true);
        }
    }

    @Test
    void aCleanStopGivesTheLeaseBackSoTheFirstChangeAfterTheNextStartReachesLdapWithinTwoSeconds()
            throws Exception {
        int port = BridgeProcess.freePort();
        Process first = start(port, "first");
        ScimClient scim = new ScimClient(port, directory, "stop-token");
        assertThat(scim.post("/Users", "{\"userName\":\"before-" + run + "\"}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> ldap.getEntry("uid=before-" + run + "," + PEOPLE) != null);

        first.destroy(); // SIGTERM: Spring's shutdown hook runs, as on Ctrl-C
        assertThat(first.waitFor(90, TimeUnit.SECONDS)).as("stopped").isTrue();
        String log = Files.readString(dir.resolve("first.log"));
        String stopLog = log.substring(Math.max(0, log.indexOf("Commencing graceful shutdown")));
        assertThat(stopLog).as("the stop was logged").contains("Commencing graceful shutdown");
        assertThat(stopLog.lines().filter(l -> l.contains(" WARN ") || l.contains(" ERROR ")))
                .as("the stop logs no warning:\n%s", stopLog).isEmpty();
        assertThat(stopLog).contains("lease released");
        assertThat(dir.resolve("data/scim-bridge.trace.db")).as("H2 logged no error").doesNotExist();

        int port2 = BridgeProcess.freePort();
        start(port2, "second");
        // started: the SCIM API answers and the sink's stream runs (it says so once its route is up)
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(dir.resolve("second.log"))
                .contains("sink ldap-default (ldap) feeds from directories"));
        ScimClient again = new ScimClient(port2, directory, "stop-token");
        long t0 = System.nanoTime();
        assertThat(again.post("/Users", "{\"userName\":\"after-" + run + "\"}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> ldap.getEntry("uid=after-" + run + "," + PEOPLE) != null);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.println(getClass().getSimpleName() + ": first change after the restart reached LDAP in " + ms + " ms");
        assertThat(ms).as("first change after the restart reached LDAP after %d ms", ms).isLessThan(2_000);
    }

    private Process start(int port, String name) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--scim-bridge.directories." + directory + ".token=stop-token",
                "--scim-bridge.directories." + directory + ".sinks=ldap-default",
                "--scim-bridge.directories.demo.sinks=",
                "--scim-bridge.embedded-ldap.enabled=false",
                "--scim-bridge.sinks.ldap-default.url=ldap://localhost:" + ldap.getListenPort(),
                "--scim-bridge.sinks.ldap-default.password=admin"));
        arguments.addAll(storeArguments());
        Process process = BridgeProcess.start(dir, name, port, arguments);
        bridges.add(process);
        return process;
    }
}
