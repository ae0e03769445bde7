package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimbridge.sink.MassChangeGuard;
import org.scimbridge.sink.SinkStreams;
import org.scimbridge.testsupport.ExpectedLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Issue 10.3: Entra unassigns 80% of a directory; the target's own guard (here max-count 5, 10%) holds the
 * deletes and disables, shows them on the admin endpoint and as a gauge, deletes nothing until an operator
 * releases them; discard parks them instead.
 */
class MassChangeGuardTest extends LdapSinkTestBase {

    static final String PEOPLE4 = "ou=people7,dc=example,dc=org";

    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(MassChangeGuard.class, SinkStreams.class)
            .expect("^sink ldap-guarded directory guarded: ")
            .expect("^ldap-guarded guarded#\\d+ DELETE User \\S+ parked: discarded by an operator");

    @Autowired
    TestRestTemplate http;
    @Autowired
    MeterRegistry meters;

    private List<Map<String, Object>> provision(String tag, int n) {
        List<Map<String, Object>> users = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Object> u = user(uid(), "g" + i + "." + tag, "Gu", "Arded");
            users.add(u);
            feed.user("guarded", "CREATE", u);
        }
        awaitCaughtUp("ldap-guarded", "guarded");
        return users;
    }

    private ResponseEntity<Map> admin(HttpMethod method, String path) {
        return http.exchange(path, method, new HttpEntity<>(LdapSinkParkingTest.bearer(ADMIN_TOKEN)), Map.class);
    }

    private double held() {
        return meters.get("scim_bridge_sink_mass_change_held").tag("sink", "ldap-guarded")
                .tag("directory", "guarded").gauge().value();
    }

    @Test
    void unassigningEightyPercentDeletesNothingUntilReleased() throws Exception {
        String tag = uid().substring(0, 6);
        List<Map<String, Object>> users = provision(tag, 20);
        long position = feedStore.position("ldap-guarded", "guarded");
        // 12 deletes and 4 disables (the delete strategy would remove those entries too), committed at once as one
        // Entra cycle's worth: the guard counts what is queued, so a stream polling between single commits would
        // apply the first few before the rest are queued
        tx.executeWithoutResult(st -> {
            for (int i = 0; i < 16; i++) {
                Map<String, Object> u = users.get(i);
                if (i < 12) {
                    feed.user("guarded", "DELETE", u);
                } else {
                    u.put("active", false);
                    feed.user("guarded", "UPDATE", u);
                }
            }
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> held() == 16.0);
        // held: the position does not move, every entry is still there
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
                .until(() -> feedStore.position("ldap-guarded", "guarded") == position);
        assertThat(dnsUnder(PEOPLE4, "(uid=g*." + tag + ")")).hasSize(20);
        ResponseEntity<Map> status = admin(HttpMethod.GET, "/admin/sinks/ldap-guarded");
        assertThat(status.getBody().toString()).contains("held=true").contains("deletesAndDisables=16");

        ResponseEntity<Map> released = admin(HttpMethod.POST, "/admin/sinks/ldap-guarded/mass-change/guarded/release");
        assertThat(released.getStatusCode()).isEqualTo(HttpStatus.OK);
        awaitCaughtUp("ldap-guarded", "guarded");
        assertThat(dnsUnder(PEOPLE4, "(uid=g*." + tag + ")")).hasSize(4);
        assertThat(held()).isZero();
        assertThat(admin(HttpMethod.POST, "/admin/sinks/ldap-guarded/mass-change/guarded/release").getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(log.warnings()).filteredOn(w -> w.startsWith("sink ldap-guarded directory guarded: ")).satisfiesExactly(
                hold -> assertThat(hold).containsPattern("16 deletes and disables queued \\(changes \\d+\\.\\.\\d+\\), "
                        + "more than the limit 5 \\(\\d+ entries\\)"),
                release -> assertThat(release).containsPattern("an operator released 16 deletes and disables"));
    }

    @Test
    void discardParksTheHeldDeletesAndTheStreamGoesOn() throws Exception {
        String tag = uid().substring(0, 6);
        List<Map<String, Object>> users = provision(tag, 20);
        List<Long> deletes = new ArrayList<>();
        Map<String, Object> later = users.get(19);
        later.put("title", "still here");
        tx.executeWithoutResult(st -> {
            for (int i = 0; i < 16; i++) {
                deletes.add(feed.user("guarded", "DELETE", users.get(i)));
            }
            feed.user("guarded", "UPDATE", later);
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> held() > 0);

        assertThat(admin(HttpMethod.POST, "/admin/sinks/ldap-guarded/mass-change/guarded/discard").getStatusCode())
                .isEqualTo(HttpStatus.OK);
        awaitCaughtUp("ldap-guarded", "guarded");
        assertThat(dnsUnder(PEOPLE4, "(uid=g*." + tag + ")")).hasSize(20);
        assertThat(feedStore.parked("ldap-guarded")).extracting(p -> p.seq()).containsAll(deletes);
        assertThat(entry("uid=g19." + tag + "," + PEOPLE4).getAttributeValue("title")).isEqualTo("still here");
        assertThat(log.warnings()).filteredOn(w -> w.startsWith("sink ldap-guarded directory guarded: ")).satisfiesExactly(
                hold -> assertThat(hold).contains("16 deletes and disables queued"),
                discard -> assertThat(discard).contains("an operator discarded 16 deletes and disables"));
        assertThat(log.warnings()).filteredOn(w -> w.contains(" parked: discarded by an operator")).hasSize(16);
        deletes.forEach(seq -> feedStore.unpark("ldap-guarded", "guarded", seq));
    }
}
