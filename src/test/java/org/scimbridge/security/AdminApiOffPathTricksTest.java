package org.scimbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.RawHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 8.1 with no admin token, the embedded default: the admin API does not exist. On main,
 * {@code GET /%61dmin/sinks/ldap-default}, {@code /adm%69n/...} and {@code /admin;x=1/...} answered 200 and
 * {@code POST /%61dmin/.../reconcile?dryRun=false} rewrote the LDAP tree, because a filter compared the raw URI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class AdminApiOffPathTricksTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    @Test
    void withoutAnAdminTokenTheAdminControllersAreNotCreated() {
        assertThat(context.getBeanNamesForType(org.scimbridge.sink.SinkAdminController.class)).isEmpty();
        assertThat(context.getBeanNamesForType(org.scimbridge.sink.ldap.ReconcileController.class)).isEmpty();
    }

    @Test
    void theAdminPathsAnswer404AsWrittenWithoutCredentials() {
        for (String[] request : PathTricks.ADMIN_REQUESTS) {
            RawHttp.Response r = RawHttp.send(port, request[0], request[1], Map.of(), null);
            assertThat(r.status()).as("%s %s", request[0], request[1]).isEqualTo(404);
            PathTricks.assertScimError(r, request[1]);
        }
    }

    @Test
    void everyEncodingTrickOnEveryAdminPathIsRefusedWithoutCredentials() {
        int sent = PathTricks.assertAllRefused(port, PathTricks.ADMIN_REQUESTS, Map.of(), Set.of(400, 404));
        assertThat(sent).isGreaterThan(80);
    }

    @Test
    void everyEncodingTrickOnEveryAdminPathIsRefusedWithADirectoryToken() {
        PathTricks.assertAllRefused(port, PathTricks.ADMIN_REQUESTS, Map.of("Authorization", "Bearer demo-token"),
                Set.of(400, 404));
    }

    @Test
    void anyAdminTokenAtAllIsRefusedWhenNoneIsConfigured() {
        PathTricks.assertAllRefused(port, PathTricks.ADMIN_REQUESTS, Map.of("Authorization", "Bearer "),
                Set.of(400, 404));
    }
}
