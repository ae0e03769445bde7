package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ResultCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.scimbridge.sink.SinkFeedStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The directory-specific modes of the LDAP sink against a real OpenLDAP slapd ({@code scripts/slapd-start.sh},
 * which loads the ppolicy overlay with a default policy that honours locks): the {@code ppolicy} disable strategy,
 * and the {@code {SSHA}} initial password, checked by slapd itself in a bind.
 * Targets of their own, in OUs of their own, on the shared slapd.
 */
@EnabledIfEnvironmentVariable(named = "SCIM_BRIDGE_TEST_LDAP_URL", matches = "ldap://.+")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.datasource.url=jdbc:h2:mem:ldapmodesslapd;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "scim-bridge.embedded-ldap.enabled=false",
        "scim-bridge.directories.demo.sinks=",
        "scim-bridge.directories.modes.token=modes-token",
        "scim-bridge.directories.modes.sinks=ldap-slapd-ppolicy,ldap-slapd-password",
        "scim-bridge.stream.poll-period-ms=50",
        "scim-bridge.stream.poll-delay-ms=50",
        "scim-bridge.stream.initial-backoff-ms=50",
        "scim-bridge.stream.max-backoff-ms=500",
        "scim-bridge.sinks.ldap-slapd-ppolicy.type=ldap",
        "scim-bridge.sinks.ldap-slapd-ppolicy.url=${SCIM_BRIDGE_TEST_LDAP_URL}",
        "scim-bridge.sinks.ldap-slapd-ppolicy.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd-ppolicy.password=admin",
        "scim-bridge.sinks.ldap-slapd-ppolicy.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd-ppolicy.people-base=ou=pp-people,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd-ppolicy.groups-base=ou=pp-groups,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd-ppolicy.disable.strategy=ppolicy",
        "scim-bridge.sinks.ldap-slapd-password.type=ldap",
        "scim-bridge.sinks.ldap-slapd-password.url=${SCIM_BRIDGE_TEST_LDAP_URL}",
        "scim-bridge.sinks.ldap-slapd-password.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd-password.password=admin",
        "scim-bridge.sinks.ldap-slapd-password.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd-password.people-base=ou=pw-people,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd-password.groups-base=ou=pw-groups,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd-password.initial-password.mode=ssha"
})
class LdapDirectoryModesSlapdTest {

    static final String BASE = "dc=example,dc=org";

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    SinkFeedStore feedStore;
    @Autowired
    InitialPasswords passwords;

    FeedWriter feed;
    LDAPConnection ldap;
    LDAPURL url;

    @BeforeEach
    void connect() throws Exception {
        feed = new FeedWriter(jdbc, tx);
        url = new LDAPURL(System.getenv("SCIM_BRIDGE_TEST_LDAP_URL"));
        ldap = new LDAPConnection(url.getHost(), url.getPort(), "cn=admin," + BASE, "admin");
        for (String ou : List.of("pp-people", "pp-groups", "pw-people", "pw-groups")) {
            if (ldap.getEntry("ou=" + ou + "," + BASE) == null) {
                ldap.add("dn: ou=" + ou + "," + BASE, "objectClass: organizationalUnit", "ou: " + ou);
            }
        }
    }

    @AfterEach
    void close() {
        ldap.close();
    }

    void awaitCaughtUp(String sink) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> feedStore.position(sink, "modes") == feedStore.head("modes"));
    }

    Entry entry(String dn) throws LDAPException {
        return ldap.getEntry(dn, "*", "+");
    }

    /** A bind as {@code dn}: the result code (SUCCESS, or INVALID_CREDENTIALS while ppolicy locks the entry). */
    ResultCode bind(String dn, String password) {
        try (LDAPConnection c = new LDAPConnection(url.getHost(), url.getPort())) {
            return c.bind(dn, password).getResultCode();
        } catch (LDAPException e) {
            return e.getResultCode();
        }
    }

    @Test
    void ppolicyStrategyLocksWithPwdAccountLockedTimeOnSlapdAndReEnableUnlocks() throws Exception {
        String a = LdapSinkTestBase.uid();
        String g = LdapSinkTestBase.uid();
        String name = "pp." + a.substring(0, 6);
        String dn = "uid=" + name + ",ou=pp-people," + BASE;
        String groupDn = "cn=pp " + g.substring(0, 6) + ",ou=pp-groups," + BASE;
        Map<String, Object> u = LdapSinkTestBase.user(a, name, "Pol", "Icy");
        feed.user("modes", "CREATE", u);
        feed.group("modes", "CREATE", LdapSinkTestBase.group(g, "pp " + g.substring(0, 6)), List.of(a), List.of());
        awaitCaughtUp("ldap-slapd-ppolicy");
        String uuid = entry(dn).getAttributeValue("entryUUID");
        // a password, so that the lock shows in a bind (the sink does not set one here)
        ldap.modify(dn, new Modification(ModificationType.REPLACE, "userPassword", "pp-secret-1"));
        assertThat(bind(dn, "pp-secret-1")).isEqualTo(ResultCode.SUCCESS);

        u.put("active", false);
        feed.user("modes", "UPDATE", u);
        awaitCaughtUp("ldap-slapd-ppolicy");
        Entry locked = entry(dn);
        assertThat(locked).as("locked in place").isNotNull();
        assertThat(locked.getAttributeValue("entryUUID")).isEqualTo(uuid);
        assertThat(locked.getAttributeValue("pwdAccountLockedTime")).isEqualTo("000001010000Z");
        assertThat(entry(groupDn).getAttributeValues("member")).containsExactly(dn);
        assertThat(bind(dn, "pp-secret-1")).as("slapd refuses the bind of a locked entry")
                .isEqualTo(ResultCode.INVALID_CREDENTIALS);

        u.put("active", true);
        feed.user("modes", "UPDATE", u);
        awaitCaughtUp("ldap-slapd-ppolicy");
        Entry unlocked = entry(dn);
        assertThat(unlocked.getAttributeValue("pwdAccountLockedTime")).isNull();
        assertThat(unlocked.getAttributeValue("entryUUID")).isEqualTo(uuid);
        assertThat(entry(groupDn).getAttributeValues("member")).containsExactly(dn);
        assertThat(bind(dn, "pp-secret-1")).isEqualTo(ResultCode.SUCCESS);
        assertThat(feedStore.parked("ldap-slapd-ppolicy")).isEmpty();
    }

    @Test
    void sshaInitialPasswordIsOneSlapdAcceptsInABind() throws Exception {
        String known = "Slapd-" + LdapSinkTestBase.uid().replace("-", "").substring(0, 20);
        passwords.generator(n -> known);
        try {
            String a = LdapSinkTestBase.uid();
            String name = "pw." + a.substring(0, 6);
            String dn = "uid=" + name + ",ou=pw-people," + BASE;
            feed.user("modes", "CREATE", LdapSinkTestBase.user(a, name, "Pass", "Word"));
            awaitCaughtUp("ldap-slapd-password");
            assertThat(entry(dn).getAttributeValue("userPassword")).startsWith("{SSHA}");
            assertThat(bind(dn, known)).as("slapd checks the {SSHA} value").isEqualTo(ResultCode.SUCCESS);
            assertThat(bind(dn, known + "x")).isEqualTo(ResultCode.INVALID_CREDENTIALS);
        } finally {
            passwords.generator(null);
        }
    }
}
