package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchScope;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimbridge.testsupport.ExpectedLog;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A target that forgets what it was sent (wiped, restored from an older backup, the embedded server started
 * empty) is refilled from the store without anyone acting: the stream compares the position the target holds
 * ({@code ou=refill,ou=ldap-refill,ou=scim-bridge-state,...}) with its own, and reconciles, with one line saying
 * why. The context checks every 200 ms; the default is 60 s, and always when a stream starts.
 */
class LdapWatermarkTest extends LdapSinkTestBase {

    static final String P4 = "ou=people4,dc=example,dc=org";
    static final String D4 = "ou=disabled4,dc=example,dc=org";
    static final String G4 = "ou=groups4,dc=example,dc=org";
    static final String STATE = "ou=refill,ou=ldap-refill,ou=scim-bridge-state,dc=example,dc=org";

    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(LdapWatermark.class).expect("^target ldap-refill .*; reconciling$");

    @LocalServerPort
    int port;

    final String run = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void aWipedTargetIsRefilledFromTheStoreWithOneLineSayingWhy() throws Exception {
        ScimClient scim = new ScimClient(port, "refill", "refill-token");
        String ann = LdapReconcileTest.create(scim, "/Users", user("ann"));
        String ben = LdapReconcileTest.create(scim, "/Users", user("ben"));
        LdapReconcileTest.create(scim, "/Groups", group("Alpha", ann, ben));
        awaitCaughtUp("ldap-refill", "refill");
        long position = feedStore.position("ldap-refill", "refill");
        await().atMost(Duration.ofSeconds(10)).until(() -> positionHeld().equals("position=" + position));
        Map<String, Entry> written = tree();
        assertThat(written).hasSize(3);

        // as the embedded server after a restart: its OUs, nothing under them, no position
        for (String dn : written.keySet()) {
            connection().delete(dn);
        }
        connection().delete(STATE);

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> tree().keySet().equals(written.keySet()));
        assertSameEntries(tree(), written);
        assertThat(positionHeld()).isEqualTo("position=" + position);
        assertThat(log.warnings()).containsExactly("target ldap-refill holds no position for directory refill, the"
                + " feed is at " + position + ": the target was wiped or replaced (or the embedded LDAP server"
                + " started empty); reconciling");
    }

    @Test
    void aTargetRestoredFromAnOlderBackupIsReconciled() throws Exception {
        ScimClient scim = new ScimClient(port, "refill", "refill-token");
        String cid = LdapReconcileTest.create(scim, "/Users", user("cid"));
        awaitCaughtUp("ldap-refill", "refill");
        long backupPosition = feedStore.position("ldap-refill", "refill");
        await().atMost(Duration.ofSeconds(10)).until(() -> positionHeld().equals("position=" + backupPosition));
        String backupValue = connection().getEntry(STATE).getAttributeValue("description");

        String dee = LdapReconcileTest.create(scim, "/Users", user("dee"));
        LdapReconcileTest.create(scim, "/Groups", group("Beta", cid, dee));
        awaitCaughtUp("ldap-refill", "refill");
        long position = feedStore.position("ldap-refill", "refill");
        await().atMost(Duration.ofSeconds(10)).until(() -> positionHeld().equals("position=" + position));
        Map<String, Entry> written = tree();
        assertThat(written).hasSize(3);

        // the backup taken after cid: dee and Beta are not in it, and it holds the position of then
        for (String dn : written.keySet()) {
            if (!dn.startsWith("uid=cid")) {
                connection().delete(dn);
            }
        }
        connection().modify(STATE, new Modification(ModificationType.REPLACE, "description", backupValue));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> tree().keySet().equals(written.keySet()));
        assertSameEntries(tree(), written);
        assertThat(log.warnings()).containsExactly("target ldap-refill holds position " + backupPosition
                + " for directory refill, the feed is at " + position + ": the target was restored or wiped;"
                + " reconciling");
    }

    private String positionHeld() throws Exception {
        Entry e = connection().getEntry(STATE);
        return e == null ? "" : e.getAttributeValue("description").replaceAll(" store=.*", "");
    }

    private static void assertSameEntries(Map<String, Entry> now, Map<String, Entry> written) {
        written.forEach((dn, e) -> assertThat(now.get(dn).getAttributes()).as(dn)
                .containsExactlyInAnyOrderElementsOf(e.getAttributes()));
    }

    private Map<String, Entry> tree() throws Exception {
        Map<String, Entry> m = new TreeMap<>();
        for (String base : List.of(P4, D4, G4)) {
            for (Entry e : connection().search(base, SearchScope.ONE, "(|(uid=*-" + run + ")(cn=* " + run + "))")
                    .getSearchEntries()) {
                m.put(e.getDN().toLowerCase(), e);
            }
        }
        return m;
    }

    private String user(String name) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s-%s","active":true,
                 "name":{"givenName":"%s","familyName":"Refill"},"emails":[{"value":"%s@example.com","type":"work",
                 "primary":true}]}""".formatted(name, run, name, name);
    }

    private String group(String name, String... members) {
        StringBuilder m = new StringBuilder();
        for (String id : members) {
            m.append(m.isEmpty() ? "" : ",").append("{\"value\":\"").append(id).append("\"}");
        }
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"%s %s","members":[%s]}"""
                .formatted(name, run, m);
    }
}
