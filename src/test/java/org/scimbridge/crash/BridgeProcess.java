package org.scimbridge.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.scimbridge.testsupport.ScimClient;

/** The packaged bridge ({@code target/scim-bridge-*.jar}) as a process of its own, for the crash and stop tests. */
final class BridgeProcess {

    private BridgeProcess() {
    }

    /**
     * Starts the jar in {@code dir} (its working directory, so the embedded H2 default lives in {@code dir/data})
     * with the routes of this checkout, logging to {@code dir/<name>.log}, and waits until its readiness (on a management port of its own) is UP.
     */
    static Process start(Path dir, String name, int port, List<String> arguments) throws Exception {
        return start(dir, name, port, List.of(), arguments);
    }

    /** ... with these options of the JVM ({@code -Xmx512m}) before {@code -jar}. */
    static Process start(Path dir, String name, int port, List<String> jvmOptions, List<String> arguments)
            throws Exception {
        int managementPort = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", packagedJar().getAbsolutePath(),
                "--server.port=" + port,
                "--management.server.port=" + managementPort,
                "--camel.main.routes-include-pattern=file:" + new File("routes").getAbsolutePath() + "/*.camel.yaml"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile())
                .start();
        ScimClient health = new ScimClient("http://localhost:" + managementPort + "/actuator", null);
        try {
            // a start takes about 10 s on a quiet machine; a 2-core machine shared by parallel builds needs minutes
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("bridge exited: " + Files.readString(dir.resolve(name + ".log")));
                        }
                        return health.get("/health/readiness").text().contains("UP");
                    });
        } catch (RuntimeException | Error notReady) {
            process.destroyForcibly(); // the caller never gets it, so it would outlive the test
            throw notReady;
        }
        return process;
    }

    /** An LDAP server in the test's JVM (so it outlives the bridge), with the base and the three OUs. */
    static InMemoryDirectoryServer ldapServer() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
        config.addAdditionalBindCredentials("cn=admin,dc=example,dc=org", "admin");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", freePort()));
        InMemoryDirectoryServer ldap = new InMemoryDirectoryServer(config);
        ldap.add("dn: dc=example,dc=org", "objectClass: top", "objectClass: domain", "dc: example");
        for (String ou : List.of("people", "groups", "disabled")) {
            ldap.add("dn: ou=" + ou + ",dc=example,dc=org", "objectClass: organizationalUnit", "ou: " + ou);
        }
        ldap.startListening();
        return ldap;
    }

    static File packagedJar() {
        File[] jars = new File("target").listFiles((d, n) -> n.startsWith("scim-bridge-") && n.endsWith(".jar"));
        assertThat(jars).as("mvn package builds target/scim-bridge-*.jar before the ITs run").isNotEmpty();
        return jars[0];
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
