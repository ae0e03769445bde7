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

        log.expect("^ldap-default demo#\\d+ \\w+ User " + a + " (parked after 1 attempts|parked: waits for parked change)");
        Map<String, Object> u = user(a, name, "Par", "Ked");
        long createSeq = feed.user("demo", "CREATE", u);
        u.put("title", "later");
        long updateSeq = feed.user("demo", "UPDATE", u);
        feed.user("demo", "CREATE", user(other, "free." + other.substring(0, 6), "Fr", "Ee"));
        awaitDemo();
        assertThat(log.warnings()).filteredOn(w -> w.contains(a)).hasSize(2)
                .anyMatch(w -> w.contains("#" + createSeq + " CREATE User " + a + " parked after 1 attempts"))
                .anyMatch(w -> w.contains("#" + updateSeq + " UPDATE User " + a + " parked: waits for parked change"));

        // the other user went through
        assertThat(entry("uid=free." + other.substring(0, 6) + "," + PEOPLE)).isNotNull();
        List<ParkedChange> parked = feedStore.parked("ldap-default").stream()
                .filter(p -> p.resourceId().equals(a)).toList();
        assertThat(parked).extracting(ParkedChange::seq).containsExactly(createSeq, updateSeq);
        // a schema violation gets the same answer every time: parked at the first attempt
        assertThat(parked.get(0).attempts()).isEqualTo(1);
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
    void groupNamingAParkedUserIsWrittenWithoutItItsLaterDeleteAppliesAndTheUserJoinsOnReplay() throws Exception {
        String a = uid();
        String kept = uid();
        String g = uid();
        String doomed = uid();
        String name = "stuck." + a.substring(0, 6);
        String dn = "uid=" + name + "," + PEOPLE;
        connection().add(new Entry(dn, new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "account"),
                new com.unboundid.ldap.sdk.Attribute("uid", name)));
        String keptName = "kept." + kept.substring(0, 6);
        log.expect("^ldap-default demo#\\d+ CREATE User " + a + " parked");
        feed.user("demo", "CREATE", user(a, name, "St", "Uck"));
        feed.user("demo", "CREATE", user(kept, keptName, "Ke", "Pt"));
        long groupSeq = feed.group("demo", "CREATE", group(g, "Stuck " + g.substring(0, 6)), List.of(a, kept),
                List.of());
        // a second group naming the parked user, then deleted: the fault run left 11 such groups in LDAP
        feed.group("demo", "CREATE", group(doomed, "Doomed " + doomed.substring(0, 6)), List.of(a), List.of());
        feed.group("demo", "DELETE", group(doomed, "Doomed " + doomed.substring(0, 6)), List.of(), List.of());
        awaitDemo();

        List<ParkedChange> parked = feedStore.parked("ldap-default");
        assertThat(parked).filteredOn(p -> p.resourceId().equals(a)).hasSize(1);
        assertThat(parked).noneMatch(p -> p.resourceId().equals(g) || p.resourceId().equals(doomed));
        Entry groupEntry = entry("cn=Stuck " + g.substring(0, 6) + "," + GROUPS);
        assertThat(groupEntry).isNotNull();
        assertThat(groupEntry.getAttributeValues("member")).containsExactly("uid=" + keptName + "," + PEOPLE);
        assertThat(entry("cn=Doomed " + doomed.substring(0, 6) + "," + GROUPS)).isNull();

        // the operator clears the stray entry and replays the user: it joins the group it was left out of
        connection().delete(dn);
        long userSeq = parked.stream().filter(p -> p.resourceId().equals(a)).findFirst().orElseThrow().seq();
        ResponseEntity<Map> replay = http.postForEntity("/admin/sinks/ldap-default/parked/demo/" + userSeq + "/replay",
                new org.springframework.http.HttpEntity<>(bearer(ADMIN_TOKEN)), Map.class);
        assertThat(replay.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(entry("cn=Stuck " + g.substring(0, 6) + "," + GROUPS).getAttributeValues("member"))
                .containsExactlyInAnyOrder("uid=" + keptName + "," + PEOPLE, dn);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM sink_ldap_pending_member WHERE member_id = ?",
                Integer.class, a)).isZero();
        assertThat(groupSeq).isPositive();
        assertThat(log.warnings()).anyMatch(w -> w.contains("CREATE User " + a + " parked"));
    }
}
