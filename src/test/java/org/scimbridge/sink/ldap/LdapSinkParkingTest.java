package org.scimbridge.sink.ldap;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimbridge.sink.SinkStreams;
import org.scimbridge.testsupport.ExpectedLog;
import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Entry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimbridge.sink.ParkedChange;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A change LDAP refuses is retried, then parked with its error; the sink goes on; a later change of the same
 * resource is parked behind it (order per resource); the admin endpoint and the gauge show them; replay applies.
 */
class LdapSinkParkingTest extends LdapSinkTestBase {

    /** The warnings these tests cause on purpose: asserted here, kept off the build's console. */
    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(SinkStreams.class);


    @Autowired
    TestRestTemplate http;
    @Autowired
    MeterRegistry meters;

    @Test
    void adminEndpointsNeedTheAdminToken() {
        assertThat(http.getForEntity("/admin/sinks/ldap-default", String.class).getStatusCode().value())
                .isEqualTo(401);
        assertThat(http.exchange("/admin/sinks/ldap-default", org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(bearer("wrong")), String.class).getStatusCode().value())
                .isEqualTo(401);
        assertThat(http.exchange("/admin/sinks/ldap-default", org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(bearer(ADMIN_TOKEN)), String.class).getStatusCode().value())
                .isEqualTo(200);
    }

    static org.springframework.http.HttpHeaders bearer(String token) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.setBearerAuth(token);
        return headers;
    }

    @Test
    void refusedChangeIsParkedLaterChangesOfItWaitAndOthersGoOnThenReplayApplies() throws Exception {
        String a = uid();
        String other = uid();
        String name = "park." + a.substring(0, 6);
        String dn = "uid=" + name + "," + PEOPLE;
        // someone put an 'account' entry at the DN by hand: inetOrgPerson attributes violate its object class
        connection().add(new Entry(dn, new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "account"),
                new com.unboundid.ldap.sdk.Attribute("uid", name)));

        log.expect("^ldap-default demo#\\d+ \\w+ User " + a + " (parked after 3 attempts|parked: waits for parked change)");
        Map<String, Object> u = user(a, name, "Par", "Ked");
        long createSeq = feed.user("demo", "CREATE", u);
        u.put("title", "later");
        long updateSeq = feed.user("demo", "UPDATE", u);
        feed.user("demo", "CREATE", user(other, "free." + other.substring(0, 6), "Fr", "Ee"));
        awaitDemo();
        assertThat(log.warnings()).filteredOn(w -> w.contains(a)).hasSize(2)
                .anyMatch(w -> w.contains("#" + createSeq + " CREATE User " + a + " parked after 3 attempts"))
                .anyMatch(w -> w.contains("#" + updateSeq + " UPDATE User " + a + " parked: waits for parked change"));

        // the other user went through
        assertThat(entry("uid=free." + other.substring(0, 6) + "," + PEOPLE)).isNotNull();
        List<ParkedChange> parked = feedStore.parked("ldap-default").stream()
                .filter(p -> p.resourceId().equals(a)).toList();
        assertThat(parked).extracting(ParkedChange::seq).containsExactly(createSeq, updateSeq);
        assertThat(parked.get(0).attempts()).isEqualTo(3);
        assertThat(parked.get(0).error()).startsWith("SchemaViolationException: ").contains("error code 65");
        assertThat(parked.get(1).blockedBy()).isEqualTo(createSeq);
        assertThat(parked.get(1).error()).contains("waits for parked change demo#" + createSeq);

        // visible on the admin endpoint and as a gauge
        ResponseEntity<Map> list = http.exchange("/admin/sinks/ldap-default/parked", org.springframework.http.HttpMethod.GET,
                new org.springframework.http.HttpEntity<>(bearer(ADMIN_TOKEN)), Map.class);
        assertThat(list.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(list.getBody().toString()).contains(a).contains("SchemaViolationException");
        assertThat(meters.get("scim_bridge_sink_parked").tag("sink", "ldap-default").gauge().value())
                .isGreaterThanOrEqualTo(2.0);

        // replaying the later one first is refused: order per resource
        ResponseEntity<Map> early = http.postForEntity(
                "/admin/sinks/ldap-default/parked/demo/" + updateSeq + "/replay",
                new org.springframework.http.HttpEntity<>(bearer(ADMIN_TOKEN)), Map.class);
        assertThat(early.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

        // the operator removes the stray entry; replay in order applies both
        connection().delete(dn);
        ResponseEntity<Map> first = http.postForEntity(
                "/admin/sinks/ldap-default/parked/demo/" + createSeq + "/replay",
                new org.springframework.http.HttpEntity<>(bearer(ADMIN_TOKEN)), Map.class);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        ResponseEntity<Map> second = http.postForEntity(
                "/admin/sinks/ldap-default/parked/demo/" + updateSeq + "/replay",
                new org.springframework.http.HttpEntity<>(bearer(ADMIN_TOKEN)), Map.class);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);

        Entry e = entry(dn);
        assertThat(e.getObjectClassValues()).contains("inetOrgPerson");
        assertThat(e.getAttributeValue("title")).isEqualTo("later");
        assertThat(feedStore.parked("ldap-default")).noneMatch(p -> p.resourceId().equals(a));
    }

    @Test
    void groupAddingAMemberWhoseCreateIsParkedIsParkedWithAClearReason() throws Exception {
        String a = uid();
        String g = uid();
        String name = "stuck." + a.substring(0, 6);
        connection().add(new Entry("uid=" + name + "," + PEOPLE,
                new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "account"),
                new com.unboundid.ldap.sdk.Attribute("uid", name)));
        log.expect("^ldap-default demo#\\d+ CREATE (User " + a + "|Group " + g + ") parked after 3 attempts");
        feed.user("demo", "CREATE", user(a, name, "St", "Uck"));
        long groupSeq = feed.group("demo", "CREATE", group(g, "Stuck " + g.substring(0, 6)), List.of(a), List.of());
        awaitDemo();
        assertThat(feedStore.parked("ldap-default")).anySatisfy(p -> {
            assertThat(p.seq()).isEqualTo(groupSeq);
            assertThat(p.error()).startsWith("unresolved member: member " + a);
        });
        assertThat(entry("cn=Stuck " + g.substring(0, 6) + "," + GROUPS)).isNull();
        assertThat(log.warnings()).anyMatch(w -> w.contains("#" + groupSeq + " CREATE Group " + g
                + " parked after 3 attempts: unresolved member: member " + a));
    }
}
