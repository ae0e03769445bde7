package org.scimbridge.security;

import java.io.IOException;
import java.net.ServerSocket;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One Spring context for the attacks of issue 8 against a bridge configured as an operator would expose it: the
 * admin API on, the management port bound beyond loopback (so it needs the admin token), the embedded LDAP server
 * fed by {@code demo}, and two more directories: {@code attacked}, whose clients misbehave, and {@code bystander},
 * which must not notice. The limits are tightened so the attacks run in seconds; the request budget stays at its
 * default, so that creating a user with thousands of emails fits in it on a busy machine.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:hardened;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "scim-bridge.admin-token=" + HardenedBridgeTestBase.ADMIN_TOKEN,
        "management.server.address=0.0.0.0",
        "scim-bridge.directories.attacked.token=attacked-token",
        "scim-bridge.directories.bystander.token=bystander-token",
        "scim-bridge.stream.poll-period-ms=50",
        "scim-bridge.limits.concurrent-requests-per-directory=2",
        "scim-bridge.limits.permit-wait=3s",
        "scim-bridge.limits.body-read-timeout=3s",
        "scim-bridge.limits.statement-timeout=1500ms",
        "scim-bridge.limits.retry-after=1s",
        // SlowClientsFairnessTest's slow filter needs a user with 3,000 emails, as stored before the values limit
        "scim-bridge.limits.max-values-per-attribute=5000"
})
@AutoConfigureObservability(tracing = false)
abstract class HardenedBridgeTestBase {

    static final String ADMIN_TOKEN = "hardened-admin-token";
    static final int LDAP_PORT = freePort();

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @DynamicPropertySource
    static void ldapPort(DynamicPropertyRegistry registry) {
        registry.add("scim-bridge.embedded-ldap.port", () -> LDAP_PORT);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
