package org.scimbridge.sink.ldap;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimbridge.sink.SinkStreams;
import org.scimbridge.testsupport.ExpectedLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimbridge.sink.ParkedChange;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A new sink with no Java: {@code src/test/resources/test-sinks/sink-audit.camel.yaml}, a route loaded from a
 * folder of its own, named by {@code scim-bridge.sinks.audit.type=route}. It gets every change of its directory
 * in order, once, and a change it refuses ({@code ChangeRefusedException}) is parked like any other sink's.
 */
class YamlOnlySinkTest extends LdapSinkTestBase {

    /** The warnings these tests cause on purpose: asserted here, kept off the build's console. */
    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(SinkStreams.class);


    @LocalServerPort
    int port;

    @Test
    void aSinkRouteFromAFolderOfItsOwnGetsEveryChangeInOrderOnce() throws Exception {
        ScimClient scim = new ScimClient(port, "events", "events-token");
        String run = uid().substring(0, 6);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(scim.post("/Users", "{\"userName\":\"audit" + i + "-" + run + "\"}").id());
        }
        assertThat(scim.delete("/Users/" + ids.get(1)).status()).isEqualTo(204);
        awaitCaughtUp("audit", "events");

        List<JsonNode> mine = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(AUDIT_DIR.resolve("events.jsonl"))) {
            JsonNode change = json.readTree(line);
            if (ids.contains(change.path("resourceId").asText())) {
                mine.add(change);
            }
        }
        assertThat(mine).extracting(c -> c.path("operation").asText() + " " + c.path("resource").path("userName")
                .asText()).containsExactly("CREATE audit0-" + run, "CREATE audit1-" + run, "CREATE audit2-" + run,
                "DELETE audit1-" + run);
        assertThat(mine).extracting(c -> c.path("seq").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(mine.get(0).path("previous").isNull()).as("a create has no previous state").isTrue();
        assertThat(mine.get(3).path("previous").path("userName").asText())
                .as("include-previous: the delete carries the user as it was").isEqualTo("audit1-" + run);
        assertThat(mine).allSatisfy(c -> {
            assertThat(c.path("sink").asText()).isEqualTo("audit");
            assertThat(c.path("directory").asText()).isEqualTo("events");
        });
    }

    @Test
    void aChangeTheRouteRefusesIsParkedAndTheStreamGoesOn() throws Exception {
        ScimClient scim = new ScimClient(port, "events", "events-token");
        String run = uid().substring(0, 6);
        log.expect("^audit events#\\d+ CREATE User .* parked after 3 attempts: ChangeRefusedException");
        String refused = scim.post("/Users", "{\"userName\":\"refuse-" + run + "\"}").id();
        String next = scim.post("/Users", "{\"userName\":\"after-" + run + "\"}").id();
        awaitCaughtUp("audit", "events");
        List<ParkedChange> parked = feedStore.parked("audit").stream().filter(p -> p.resourceId().equals(refused))
                .toList();
        assertThat(parked).hasSize(1);
        assertThat(log.warnings()).filteredOn(w -> w.contains(refused)).singleElement().asString()
                .contains("parked after 3 attempts: ChangeRefusedException");
        assertThat(parked.get(0).attempts()).isEqualTo(3);
        assertThat(parked.get(0).error()).isEqualTo("ChangeRefusedException: the audit log does not take refuse-"
                + run);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(AUDIT_DIR.resolve("events.jsonl"))
                .contains(next));
        assertThat(Files.readString(Path.of(AUDIT_DIR.toString(), "events.jsonl"))).doesNotContain(refused);
    }
}
