package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.unboundid.ldap.sdk.Entry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimbridge.testsupport.ExpectedLog;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code initial-password.mode: ssha} (target {@code ldap-password}): a new user entry gets a generated
 * {@code userPassword} in OpenLDAP's {@code {SSHA}} form, at create only, and the password is in no log line (the
 * sink's DEBUG LDIF included) and in no table of the store (scim_resource, scim_change, parked changes, ...).
 * The generator is swapped for one that returns a known password, so that the hash can be checked against it.
 */
class LdapInitialPasswordTest extends LdapSinkTestBase {

    /** Everything the bridge and Camel log during the test, DEBUG of the sink steps included. */
    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of("org.scimbridge", "org.apache.camel", "org.springframework.ldap");

    @Autowired
    InitialPasswords passwords;

    @Test
    void aCreatedUserGetsAnSshaPasswordThatNoLogAndNoTableHolds() throws Exception {
        String known = "Known-" + uid().replace("-", "").substring(0, 20);
        Logger steps = (Logger) LoggerFactory.getLogger(LdapSinkSteps.class);
        Level level = steps.getLevel();
        passwords.generator(n -> known);
        steps.setLevel(Level.DEBUG);
        try {
            String a = uid();
            String name = "pw." + a.substring(0, 6);
            String dn = "uid=" + name + ",ou=people12,dc=example,dc=org";
            Map<String, Object> u = user(a, name, "Pass", "Word");
            feed.user("passwords", "CREATE", u);
            awaitCaughtUp("ldap-password", "passwords");
            Entry e = entry(dn);
            String hashed = e.getAttributeValue("userPassword");
            assertThat(hashed).startsWith("{SSHA}");
            assertThat(SshaPasswords.verifies(known, hashed)).as("the hash of the generated password").isTrue();

            // not at an update, nor at a disable: the password stays as it was
            passwords.generator(n -> "Other-" + known);
            u.put("title", "Tester");
            feed.user("passwords", "UPDATE", u);
            u.put("active", false);
            feed.user("passwords", "UPDATE", u);
            awaitCaughtUp("ldap-password", "passwords");
            Entry after = entry(dn);
            assertThat(after.getAttributeValue("title")).isEqualTo("Tester");
            assertThat(after.getAttributeValue("userPassword")).isEqualTo(hashed);

            assertThat(log.atLeast(Level.TRACE)).as("the sink's DEBUG lines were captured")
                    .anyMatch(l -> l.contains("changetype: add") && l.contains(dn));
            assertThat(log.atLeast(Level.TRACE)).noneMatch(l -> l.contains(known) || l.contains(hashed)
                    || l.contains(hashed.substring(6)));
            // the whole store of record, every table, as H2 scripts it
            List<String> dump = new ArrayList<>();
            jdbc.queryForList("SCRIPT").forEach(r -> dump.add(String.valueOf(r.values())));
            assertThat(String.join("\n", dump)).contains(a).doesNotContain(known)
                    .doesNotContain(hashed.substring(6));
        } finally {
            passwords.generator(null);
            steps.setLevel(level);
        }
    }
}
