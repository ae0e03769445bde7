package org.scimbridge.sink.ldap;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimbridge.sink.SinkStreams;
import org.scimbridge.testsupport.ExpectedLog;
import org.scimbridge.sink.SinkCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.Entry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Nothing is lost or applied twice when LDAP goes away, when the consumer stops mid-stream, or on a replay. */
class LdapSinkOutageAndRestartTest extends LdapSinkTestBase {

    /** The warnings these tests cause on purpose: asserted here, kept off the build's console. */
    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(SinkStreams.class);


    @Autowired
    MeterRegistry meters;

    @Test
    void outageHoldsThePositionWithoutParkingAndConvergesInOrderAfterwards() throws Exception {
        awaitDemo();
        long parkedBefore = feedStore.parkedCount("ldap-default");
        long positionBefore = feedStore.position("ldap-default", "demo");
        log.expect("^sink ldap-default poll failed, will retry: CommunicationException");
        embedded.stopListening();
        String g = uid();
        List<String> ids = new ArrayList<>();
        try {
            feed.group("demo", "CREATE", group(g, "Outage " + g.substring(0, 6)), List.of(), List.of());
            for (int i = 0; i < 5; i++) {
                String id = uid();
                ids.add(id);
                Map<String, Object> u = user(id, "out" + i + "." + id.substring(0, 6), "Out", "Age" + i);
                feed.user("demo", "CREATE", u);
                for (int v = 1; v <= 4; v++) {
                    u.put("title", "v" + v);
                    feed.user("demo", "UPDATE", u);
                }
                feed.group("demo", "UPDATE", group(g, "Outage " + g.substring(0, 6)), List.of(id), List.of());
            }
            // while down: retries with back-off, the position stays, nothing is parked
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> feedStore.position("ldap-default", "demo") == positionBefore);
            assertThat(feedStore.parkedCount("ldap-default")).isEqualTo(parkedBefore);
        } finally {
            embedded.startListening();
        }
        awaitDemo();
        assertThat(feedStore.parkedCount("ldap-default")).isEqualTo(parkedBefore);
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String dn = "uid=out" + i + "." + ids.get(i).substring(0, 6) + "," + PEOPLE;
            Entry e = entry(dn);
            assertThat(e).isNotNull();
            assertThat(e.getAttributeValue("title")).as("last update wins: order kept").isEqualTo("v4");
            members.add(dn);
        }
        assertThat(entry("cn=Outage " + g.substring(0, 6) + "," + GROUPS).getAttributeValues("member"))
                .containsExactlyInAnyOrderElementsOf(members);
        assertThat(log.warnings()).as("the outage was reported").anyMatch(w -> w.startsWith(
                "sink ldap-default poll failed, will retry: CommunicationException"));
    }

    @Test
    void stoppingTheConsumerMidStreamLosesAndRepeatsNothing() throws Exception {
        awaitDemo();
        String route = SinkCatalog.streamRouteId("ldap-default");
        double appliedBefore = applied();
        long from = feedStore.position("ldap-default", "demo");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String id = uid();
            ids.add(id);
            feed.user("demo", "CREATE", user(id, "rs" + i + "." + id.substring(0, 6), "Re", "Start" + i));
        }
        // stop once the consumer is part-way through, then start it again
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> feedStore.position("ldap-default", "demo") > from);
        camel.getRouteController().stopRoute(route);
        long stoppedAt = feedStore.position("ldap-default", "demo");
        long head = feedStore.head("demo");
        assertThat(stoppedAt).isBetween(from + 1, head);
        // nothing moves while stopped
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> feedStore.position("ldap-default", "demo") == stoppedAt);
        camel.getRouteController().startRoute(route);
        awaitDemo();

        assertThat(applied() - appliedBefore).as("each change applied exactly once").isEqualTo(60.0);
        for (int i = 0; i < 60; i++) {
            assertThat(entry("uid=rs" + i + "." + ids.get(i).substring(0, 6) + "," + PEOPLE)).isNotNull();
        }
    }

    @Test
    void applyingChangesASecondTimeIsHarmless() throws Exception {
        String a = uid();
        String b = uid();
        String g = uid();
        Map<String, Object> ua = user(a, "twice." + a.substring(0, 6), "Tw", "Ice");
        long first = feed.user("demo", "CREATE", ua);
        feed.user("demo", "CREATE", user(b, "twice2." + b.substring(0, 6), "Tw", "Ice2"));
        feed.group("demo", "CREATE", group(g, "Twice " + g.substring(0, 6)), List.of(a, b), List.of());
        ua.put("userName", "twice-renamed." + a.substring(0, 6));
        ua.put("title", "t");
        feed.user("demo", "UPDATE", ua);
        feed.group("demo", "UPDATE", group(g, "Twice " + g.substring(0, 6)), List.of(), List.of(b));
        ua.put("active", false);
        feed.user("demo", "UPDATE", ua);
        feed.user("demo", "DELETE", Map.of("id", b, "userName", "twice2." + b.substring(0, 6)));
        awaitDemo();
        Map<String, Entry> before = snapshot(a, g);
        long parked = feedStore.parkedCount("ldap-default");

        // as if the bridge died after LDAP confirmed but before the position moved: rewind and apply again
        String route = SinkCatalog.streamRouteId("ldap-default");
        camel.getRouteController().stopRoute(route);
        jdbc.update("UPDATE sink_position SET last_seq = ? WHERE sink = 'ldap-default' AND directory_id = 'demo'",
                first - 1);
        camel.getRouteController().startRoute(route);
        awaitDemo();

        assertThat(feedStore.parkedCount("ldap-default")).isEqualTo(parked);
        Map<String, Entry> after = snapshot(a, g);
        assertThat(after.keySet()).isEqualTo(before.keySet());
        before.forEach((dn, e) -> {
            assertThat(after.get(dn).getAttributes()).as(dn).containsExactlyInAnyOrderElementsOf(e.getAttributes());
        });
        String disabledDn = "uid=twice-renamed." + a.substring(0, 6) + "," + DISABLED;
        assertThat(entry("cn=Twice " + g.substring(0, 6) + "," + GROUPS).getAttributeValues("member"))
                .containsExactly(disabledDn);
    }

    private Map<String, Entry> snapshot(String a, String g) throws Exception {
        Map<String, Entry> m = new java.util.TreeMap<>();
        for (String base : List.of(PEOPLE, DISABLED, GROUPS)) {
            for (Entry e : connection().search(base, com.unboundid.ldap.sdk.SearchScope.ONE,
                    "(|(uid=*" + a.substring(0, 6) + ")(cn=Twice " + g.substring(0, 6) + "))").getSearchEntries()) {
                m.put(e.getDN(), e);
            }
        }
        return m;
    }

    private double applied() {
        var c = meters.find("scim_bridge_sink_changes_total").tag("sink", "ldap-default").tag("outcome", "applied")
                .counter();
        return c == null ? 0 : c.count();
    }
}
