package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.boot.test.web.server.LocalManagementPort;

/**
 * Issue 12.2: each sink target has its health in the group {@code sinks} of the management port. A target that
 * is down shows there (503, UNREACHABLE), while readiness and the root health stay UP: Entra's writes still
 * succeed and wait in the feed.
 */
class SinkHealthTest extends LdapSinkTestBase {

    @LocalManagementPort
    int managementPort;

    ScimClient actuator() {
        return new ScimClient("http://localhost:" + managementPort + "/actuator", null);
    }

    @Test
    void theSinksGroupShowsEachTargetWithItsLagPerDirectoryAndItsParkedCount() {
        feed.user("demo", "CREATE", user(uid(), "health." + uid().substring(0, 6), "Hel", "Th"));
        awaitDemo();

        ScimClient.Response r = actuator().get("/health/sinks");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode sinks = r.json().path("components").path("sinkTargets").path("components");
        JsonNode ldap = sinks.path("ldap-default");
        assertThat(ldap.path("status").asText()).isEqualTo("UP");
        assertThat(ldap.path("details").path("reachable").asBoolean()).isTrue();
        assertThat(ldap.path("details").path("type").asText()).isEqualTo("ldap");
        JsonNode demo = ldap.path("details").path("directories").path("demo");
        assertThat(demo.path("position").asLong()).isPositive();
        assertThat(demo.path("lag").isNumber()).isTrue();
        assertThat(ldap.path("details").path("parked").isNumber()).isTrue();
        assertThat(sinks.path("legacy").path("details").path("reachable").asBoolean())
                .as("the JDBC target is probed with a connection").isTrue();
        assertThat(sinks.path("webhook").path("details").path("reachable").asText())
                .as("a route sink cannot be probed: what its last delivery met").contains("not probed");
    }

    @Test
    void aDownLdapTargetIsUnreachableInTheSinksGroupWhileReadinessAndTheRootStayUp() throws Exception {
        awaitDemo();
        embedded.stopListening();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> actuator().get("/health/sinks").status() == 503);
            JsonNode ldap = actuator().get("/health/sinks").json()
                    .path("components").path("sinkTargets").path("components").path("ldap-default");
            assertThat(ldap.path("status").asText()).isEqualTo("UNREACHABLE");
            assertThat(ldap.path("details").path("reachable").asBoolean(true)).isFalse();
            assertThat(ldap.path("details").path("error").asText()).isNotBlank();

            ScimClient.Response readiness = actuator().get("/health/readiness");
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(200);
            assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
            ScimClient.Response root = actuator().get("/health");
            assertThat(root.status()).as(root.toString()).isEqualTo(200);
            assertThat(root.json().path("status").asText()).isEqualTo("UP");
        } finally {
            embedded.startListening();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> actuator().get("/health/sinks").status() == 200);
    }
}
