package org.scimbridge.sink.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Reconcile wants what the sink writes, because both take the entry from one function ({@code LdapDesiredState}):
 * an existing entry of a posix-account target that is not a posixAccount (written before posix-account was
 * turned on, or by hand) is made one by reconcile, as the sink makes it one on the user's next change. Before,
 * reconcile left such an entry alone.
 */
class LdapReconcilePosixAccountTest extends LdapSinkTestBase {

    @LocalServerPort
    int port;
    @Autowired
    LdapReconciler reconciler;

    @Test
    void reconcileMakesAnExistingEntryAPosixAccountAsTheSinkWould() throws Exception {
        String name = "rp" + uid().substring(0, 6);
        String dn = "uid=" + name + ",ou=people2,dc=example,dc=org";
        ScimClient scim = new ScimClient(port, "posix", "posix-token");
        assertThat(scim.post("/Users", "{\"userName\":\"" + name + "\",\"name\":{\"familyName\":\"Px\"}}").status())
                .isEqualTo(201);
        awaitCaughtUp("ldap-posix", "posix");
        String uidNumber = entry(dn).getAttributeValue("uidNumber");
        assertThat(uidNumber).as("the sink wrote a posixAccount").isNotNull();

        // as if the entry had been written before posix-account was turned on
        try (LDAPConnection admin = new LDAPConnection("localhost", PORT, PLACEHOLDER, "admin")) {
            admin.modify(dn, new Modification(ModificationType.DELETE, "objectClass", "posixAccount"),
                    new Modification(ModificationType.DELETE, "uidNumber"),
                    new Modification(ModificationType.DELETE, "gidNumber"),
                    new Modification(ModificationType.DELETE, "homeDirectory"),
                    new Modification(ModificationType.DELETE, "loginShell"));
        }

        String ldif = reconciler.reconcile("ldap-posix", "posix", true, line -> { }).ldif();
        String record = Arrays.stream(ldif.split("\n\n")).filter(r -> r.startsWith("dn: " + dn + "\n"))
                .findFirst().orElse("");
        assertThat(record).as("the repair of %s in:\n%s", dn, ldif).contains("changetype: modify")
                .contains("add: objectClass\nobjectClass: posixAccount\n")
                .contains("uidNumber: " + uidNumber + "\n")
                .contains("gidNumber: 100\n")
                .contains("homeDirectory: /srv/home/" + name + "\n")
                .contains("loginShell: /bin/zsh\n");
        List<String> others = Arrays.stream(ldif.split("\n\n")).filter(r -> r.contains("dn: " + dn)).toList();
        assertThat(others).hasSize(1);
    }
}
