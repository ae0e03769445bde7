package org.scimbridge.sink.ldap;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimbridge.sink.SinkStreams;
import org.scimbridge.testsupport.ExpectedLog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimbridge.sink.ParkedChange;
import org.scimbridge.sink.WebhookReceiver;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The webhook sink ({@code routes/sink-webhook.camel.yaml}, YAML alone) against a receiver that verifies every
 * signature: deliveries that fail with 503 are retried, never parked, and every change arrives once, its events
 * in order per resource; a delivery the receiver refuses (422) is parked with later changes of the same user
 * behind it, and a replay delivers them once the receiver takes them.
 */
class WebhookSinkTest extends LdapSinkTestBase {

    /** The warnings these tests cause on purpose: asserted here, kept off the build's console. */
    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(SinkStreams.class);


    @LocalServerPort
    int port;
    @Autowired
    TestRestTemplate http;

    @Test
    void everyChangeArrivesOnceWithItsEventsInOrderPerResourceThroughFailedDeliveries() throws Exception {
        ScimClient scim = new ScimClient(port, "events", "events-token");
        awaitCaughtUp("webhook", "events");
        long from = feedStore.head("events");
        int failedBefore = WEBHOOK.failed();
        WEBHOOK.failNext(3);

        String run = uid().substring(0, 6);
        String ann = scim.post("/Users", "{\"userName\":\"ann-" + run + "\",\"active\":true}").id();
        String bob = scim.post("/Users", "{\"userName\":\"bob-" + run + "\"}").id();
        String group = scim.post("/Groups", "{\"displayName\":\"Hooks " + run + "\",\"members\":[{\"value\":\""
                + ann + "\"}]}").id();
        assertThat(scim.patch("/Groups/" + group, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + bob + "\"}]}]}")
                .status()).isEqualTo(204);
        assertThat(scim.patch("/Users/" + ann, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Lead\"}]}").status())
                .isEqualTo(200);
        assertThat(scim.delete("/Users/" + bob).status()).isEqualTo(204);
        long to = feedStore.head("events");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> feedStore.position("webhook", "events") == to);

        assertThat(WEBHOOK.failed() - failedBefore).as("the first three deliveries failed").isEqualTo(3);
        assertThat(WEBHOOK.badSignatures()).as("every delivery was signed").isZero();
        List<WebhookReceiver.Delivery> mine = WEBHOOK.accepted().stream()
                .filter(d -> d.body().path("seq").asLong() > from && d.body().path("seq").asLong() <= to).toList();
        List<String> expectedIds = new ArrayList<>();
        for (long seq = from + 1; seq <= to; seq++) {
            expectedIds.add("events-" + seq);
        }
        assertThat(mine).extracting(WebhookReceiver.Delivery::id).as("each change accepted once, in feed order")
                .containsExactlyElementsOf(expectedIds);
        assertThat(feedStore.parked("webhook")).noneMatch(p -> p.seq() > from);

        Map<String, List<String>> typesByResource = new LinkedHashMap<>();
        for (WebhookReceiver.Delivery d : mine) {
            assertThat(d.body().path("id").asText()).isEqualTo(d.id());
            int n = 1;
            for (JsonNode e : d.body().path("events")) {
                assertThat(e.path("id").asText()).isEqualTo(d.id() + "-" + n++);
                String about = e.path("type").asText().startsWith("group.user_")
                        ? e.path("data").path("member").path("id").asText() + " in group" : e.path("resourceId").asText();
                typesByResource.computeIfAbsent(about, k -> new ArrayList<>()).add(e.path("type").asText());
            }
        }
        assertThat(typesByResource.get(ann)).containsExactly("user.created", "user.updated");
        assertThat(typesByResource.get(bob)).containsExactly("user.created", "user.deleted");
        assertThat(typesByResource.get(group)).containsExactly("group.created", "group.updated", "group.updated");
        assertThat(typesByResource.get(ann + " in group")).containsExactly("group.user_added");
        assertThat(typesByResource.get(bob + " in group")).as("bob joins, then leaves as he is deleted")
                .containsExactly("group.user_added", "group.user_removed");
        JsonNode created = mine.get(0).body().path("events").get(0);
        assertThat(created.path("data").path("userName").asText()).isEqualTo("ann-" + run);
    }

    @Test
    void aRefusedDeliveryIsParkedWithLaterChangesOfItsUserBehindItAndReplayDeliversThem() throws Exception {
        ScimClient scim = new ScimClient(port, "events", "events-token");
        String run = uid().substring(0, 6);
        String name = "picky-" + run;
        WEBHOOK.refuse(body -> body.toString().contains(name));
        log.expect("^webhook events#\\d+ \\w+ User .* (parked after 3 attempts|parked: waits for parked change)");
        try {
            String id = scim.post("/Users", "{\"userName\":\"" + name + "\"}").id();
            assertThat(scim.patch("/Users/" + id, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Later\"}]}").status())
                    .isEqualTo(200);
            String other = scim.post("/Users", "{\"userName\":\"other-" + run + "\"}").id();
            awaitCaughtUp("webhook", "events");

            List<ParkedChange> parked = feedStore.parked("webhook").stream().filter(p -> p.resourceId().equals(id))
                    .toList();
            assertThat(parked).hasSize(2);
            assertThat(parked.get(0).attempts()).as("refused, retried, then parked").isEqualTo(3);
            assertThat(parked.get(0).error()).contains("HTTP 422");
            assertThat(parked.get(1).blockedBy()).isEqualTo(parked.get(0).seq());
            assertThat(log.warnings()).filteredOn(w -> w.contains(id)).hasSize(2)
                    .anyMatch(w -> w.contains("parked after 3 attempts: HttpOperationFailedException: HTTP 422"))
                    .anyMatch(w -> w.contains("parked: waits for parked change"));
            assertThat(WEBHOOK.accepted()).as("the stream went on with the others")
                    .anyMatch(d -> d.body().toString().contains(other));

            WEBHOOK.refuse(body -> false);
            for (ParkedChange p : parked) {
                ResponseEntity<Map> replay = http.postForEntity("/admin/sinks/webhook/parked/events/" + p.seq()
                        + "/replay", new HttpEntity<>(LdapSinkParkingTest.bearer(ADMIN_TOKEN)), Map.class);
                assertThat(replay.getStatusCode()).as("replay of %s", p.seq()).isEqualTo(HttpStatus.OK);
            }
            List<String> delivered = WEBHOOK.accepted().stream().filter(d -> d.body().toString().contains(id))
                    .map(d -> d.body().path("events").get(0).path("type").asText()).toList();
            assertThat(delivered).containsExactly("user.created", "user.updated");
            assertThat(feedStore.parked("webhook")).noneMatch(p -> p.resourceId().equals(id));
        } finally {
            WEBHOOK.refuse(body -> false);
        }
    }
}
