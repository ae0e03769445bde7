package org.scimbridge.sink.ldap;

import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The scripted Entra cycle over HTTP into the embedded LDAP server (the zero-setup default). */
class EntraCycleEmbeddedLdapTest extends LdapSinkTestBase {

    @LocalServerPort
    int port;

    @Test
    void entraCycleEndsInTheExpectedScimStateAndLdapTree() throws Exception {
        EntraCycle cycle = new EntraCycle(new ScimClient(port, "demo", "demo-token"));
        cycle.provision();
        cycle.assertScimState();
        awaitDemo();
        cycle.assertLdapTree(connection());
    }
}
