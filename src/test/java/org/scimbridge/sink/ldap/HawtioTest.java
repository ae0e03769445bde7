package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.RawHttp;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 12.5: with {@code scim-bridge.hawtio.enabled} Hawtio and its Jolokia are on the management port, for user
 * {@code admin} with the admin token as password (or the token as bearer), on loopback too; nothing of them on the
 * SCIM port. Runs in the shared LDAP sink context, which turns Hawtio on. Off, they answer 404
 * (ManagementPortTest, ManagementBeyondLoopbackTest).
 */
class HawtioTest extends LdapSinkTestBase {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void hawtioAnswersTheAdminAsBasicUserWithTheTokenAsPassword() {
        RawHttp.Response console = RawHttp.send(managementPort, "GET", "/actuator/hawtio/", basic("admin", ADMIN_TOKEN),
                null);
        assertThat(console.status()).as(console.toString()).isEqualTo(200);
        assertThat(console.body()).containsIgnoringCase("hawtio");
        RawHttp.Response bearer = RawHttp.send(managementPort, "GET", "/actuator/hawtio/",
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN), null);
        assertThat(bearer.status()).as(bearer.toString()).isEqualTo(200);
    }

    @Test
    void hawtioWithoutTheAdminCredentialIsABasicChallengeOnLoopbackToo() {
        for (Map<String, String> credential : java.util.List.of(Map.<String, String>of(), basic("admin", "wrong"),
                basic("root", ADMIN_TOKEN), Map.of("Authorization", "Bearer wrong"))) {
            for (String path : new String[] {"/actuator/hawtio", "/actuator/hawtio/", "/actuator/hawtio/index.html",
                    "/actuator/jolokia", "/actuator/jolokia/version", "/actuator/hawtio/jolokia/version"}) {
                RawHttp.Response r = RawHttp.send(managementPort, "GET", path, credential, null);
                assertThat(r.status()).as("%s %s %s", path, credential.keySet(), r).isEqualTo(401);
                assertThat(r.header("WWW-Authenticate")).as(path).startsWith("Basic realm=\"scim-bridge-admin\"");
                assertThat(r.body()).as(path).contains("urn:ietf:params:scim:api:messages:2.0:Error")
                        .doesNotContain(ADMIN_TOKEN);
            }
        }
    }

    @Test
    void jolokiaListsTheCamelRoutesForTheAdmin() {
        RawHttp.Response version = RawHttp.send(managementPort, "GET", "/actuator/jolokia/version",
                basic("admin", ADMIN_TOKEN), null);
        assertThat(version.status()).as(version.toString()).isEqualTo(200);
        assertThat(version.body()).contains("\"agent\"");
        // what Hawtio's Camel tab reads: the routes as MBeans (camel-management), through Jolokia
        RawHttp.Response routes = RawHttp.send(managementPort, "GET",
                "/actuator/jolokia/search/org.apache.camel:type=routes,*", basic("admin", ADMIN_TOKEN), null);
        assertThat(routes.status()).as(routes.toString()).isEqualTo(200);
        assertThat(routes.body()).contains("scim-users-create").contains("sink-stream-ldap-default");
    }

    @Test
    void theRestOfTheManagementPortStaysOpenOnLoopback() {
        RawHttp.Response health = RawHttp.send(managementPort, "GET", "/actuator/health", Map.of(), null);
        assertThat(health.status()).as(health.toString()).isEqualTo(200);
        // a credential there is not looked at: a scraper with a stale token keeps working
        RawHttp.Response metrics = RawHttp.send(managementPort, "GET", "/actuator/metrics",
                Map.of("Authorization", "Bearer stale"), null);
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
    }

    @Test
    void nothingOfHawtioOnTheScimPort() {
        for (String path : new String[] {"/actuator/hawtio", "/actuator/hawtio/", "/actuator/jolokia",
                "/hawtio", "/hawtio/", "/jolokia", "/actuator/hawtio/jolokia/version"}) {
            RawHttp.Response r = RawHttp.send(port, "GET", path, basic("admin", ADMIN_TOKEN), null);
            assertThat(r.status()).as("%s %s", path, r).isEqualTo(404);
        }
    }
}
