package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimbridge.feed.FeedRetention;
import org.scimbridge.feed.FeedRetentionStore;
import org.scimbridge.sink.SinkCatalog;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 12.4: the change feed of a directory is trimmed of what every one of its sinks has applied, so it stays
 * bounded however long the bridge runs; a stopped sink keeps every change it has not applied; the admin API lists
 * what the feed holds. The directory {@code retention} feeds two LDAP targets of its own.
 */
class FeedRetentionTest extends LdapSinkTestBase {

    static final String DIR = "retention";
    static final String A = "ldap-retention-a";
    static final String B = "ldap-retention-b";

    @Autowired
    FeedRetention retention;
    @Autowired
    FeedRetentionStore store;
    @LocalServerPort
    int port;

    void awaitBoth() {
        awaitApplied(A);
        awaitApplied(B);
    }

    /** Longer than the base's wait: hundreds of LDAP writes on a loaded CI machine. */
    void awaitApplied(String sink) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> feedStore.position(sink, DIR) == feedStore.head(DIR));
    }

    /** Trims everything the rules allow: a cutoff of now means any age. */
    long trimAll() {
        return retention.trim(DIR, Instant.now().plusSeconds(1));
    }

    @Test
    void theFeedStaysBoundedUnderALongRunOnceEverySinkHasApplied() throws Exception {
        awaitBoth();
        trimAll();
        long before = store.count(DIR);
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String id = uid();
            Map<String, Object> u = user(id, "keep" + i + "." + id.substring(0, 6), "Keep", "Er" + i);
            feed.user(DIR, "CREATE", u);
            users.add(u);
        }
        for (int round = 1; round <= 5; round++) {
            for (Map<String, Object> u : users) {
                u.put("title", "round " + round);
                feed.user(DIR, "UPDATE", u);
            }
            awaitBoth();
            trimAll();
            assertThat(store.count(DIR))
                    .as("round %d: at most the newest change of each live resource, and the head", round)
                    .isLessThanOrEqualTo(before + users.size() + 1);
        }
        for (Map<String, Object> u : users.subList(0, 10)) {
            feed.user(DIR, "DELETE", u);
        }
        awaitBoth();
        trimAll();
        assertThat(store.count(DIR)).as("the live users' newest changes, the head and the change before it")
                .isLessThanOrEqualTo(before + 10 + 2);

        // trimming did not disturb the sinks: the last update of every live user is in both targets
        for (Map<String, Object> u : users.subList(10, 20)) {
            for (String people : List.of("ou=people5,dc=example,dc=org", "ou=people6,dc=example,dc=org")) {
                assertThat(entry("uid=" + u.get("userName") + "," + people).getAttributeValue("title"))
                        .isEqualTo("round 5");
            }
        }
        // and a change after the trim still applies, in both
        Map<String, Object> last = users.get(15);
        last.put("title", "after trim");
        feed.user(DIR, "UPDATE", last);
        awaitBoth();
        assertThat(entry("uid=" + last.get("userName") + ",ou=people6,dc=example,dc=org")
                .getAttributeValue("title")).isEqualTo("after trim");
    }

    @Test
    void aStoppedSinkKeepsEveryChangeItHasNotApplied() throws Exception {
        awaitBoth();
        String route = SinkCatalog.streamRouteId(B);
        String id = uid();
        Map<String, Object> u = user(id, "stopped." + id.substring(0, 6), "Stop", "Ped");
        long stoppedAt;
        long head;
        camel.getRouteController().stopRoute(route);
        try {
            stoppedAt = feedStore.position(B, DIR);
            feed.user(DIR, "CREATE", u);
            for (int v = 1; v <= 15; v++) {
                u.put("title", "v" + v);
                feed.user(DIR, "UPDATE", u);
            }
            head = feedStore.head(DIR);
            awaitApplied(A);

            trimAll();

            assertThat(feedStore.position(B, DIR)).isEqualTo(stoppedAt);
            for (long seq = stoppedAt + 1; seq <= head; seq++) {
                assertThat(feedStore.change(DIR, seq)).as("change #%d, not applied by %s", seq, B).isPresent();
            }
        } finally {
            camel.getRouteController().startRoute(route);
        }
        awaitApplied(B);
        assertThat(entry("uid=stopped." + id.substring(0, 6) + ",ou=people6,dc=example,dc=org")
                .getAttributeValue("title")).isEqualTo("v15");
        assertThat(trimAll()).as("once applied by both, the changes go").isPositive();
    }

    @Test
    void theAuditViewListsChangesByResourceOperationAndTimeWithPaging() {
        String id = uid();
        Map<String, Object> u = user(id, "audit." + id.substring(0, 6), "Au", "Dit");
        Instant start = Instant.now().minusSeconds(1);
        feed.user(DIR, "CREATE", u);
        for (int v = 1; v <= 3; v++) {
            u.put("title", "v" + v);
            feed.user(DIR, "UPDATE", u);
        }
        ScimClient admin = new ScimClient("http://localhost:" + port + "/admin/directories", ADMIN_TOKEN);

        JsonNode all = admin.get("/" + DIR + "/changes?resourceId=" + id).json();
        assertThat(all.path("totalResults").asInt()).isEqualTo(4);
        assertThat(all.path("Resources").get(0).path("operation").asText()).isEqualTo("CREATE");
        assertThat(all.path("Resources").get(0).has("payload")).isFalse();

        JsonNode updates = admin.get("/" + DIR + "/changes?resourceId=" + id + "&operation=update").json();
        assertThat(updates.path("totalResults").asInt()).isEqualTo(3);

        JsonNode page = admin.get("/" + DIR + "/changes?resourceId=" + id + "&startIndex=2&count=2").json();
        assertThat(page.path("startIndex").asInt()).isEqualTo(2);
        assertThat(page.path("itemsPerPage").asInt()).isEqualTo(2);
        assertThat(page.path("Resources").get(0).path("seq").asLong())
                .isEqualTo(all.path("Resources").get(1).path("seq").asLong());

        assertThat(admin.get("/" + DIR + "/changes?resourceId=" + id + "&since=" + start).json()
                .path("totalResults").asInt()).isEqualTo(4);
        assertThat(admin.get("/" + DIR + "/changes?resourceId=" + id + "&since=" + Instant.now().plusSeconds(60))
                .json().path("totalResults").asInt()).isZero();

        ScimClient.Response bad = admin.get("/" + DIR + "/changes?since=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("schemas").get(0).asText()).isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(bad.json().path("status").asText()).isEqualTo("400");
        assertThat(admin.get("/nowhere/changes").status()).isEqualTo(404);
        assertThat(admin.withToken("wrong").get("/" + DIR + "/changes").status()).isEqualTo(401);
    }
}
