package org.scimbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.RawHttp;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Issue 12.2: actuator lives on the management port (loopback by default), nothing of it on the port Entra calls.
 * On main, {@code /actuator/health} and {@code /actuator/prometheus} answered 200 on the SCIM port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class ManagementPortTest {

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void everyActuatorPathOnTheScimPortAnswersAScim404() {
        for (String[] request : PathTricks.ACTUATOR_REQUESTS) {
            RawHttp.Response r = RawHttp.send(port, request[0], request[1], Map.of(), null);
            assertThat(r.status()).as(request[1]).isEqualTo(404);
            PathTricks.assertScimError(r, request[1]);
        }
    }

    @Test
    void everyEncodingTrickOnEveryActuatorPathOnTheScimPortIsRefused() {
        PathTricks.assertAllRefused(port, PathTricks.ACTUATOR_REQUESTS, Map.of(), Set.of(400, 404));
        PathTricks.assertAllRefused(port, PathTricks.ACTUATOR_REQUESTS, Map.of("Authorization", "Bearer demo-token"),
                Set.of(400, 404));
    }

    @Test
    void theManagementPortServesHealthGroupsAndMetricsOnLoopbackWithoutACredential() {
        assertThat(managementPort).isNotEqualTo(port);
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness",
                "/actuator/health/readiness"}) {
            RawHttp.Response r = RawHttp.send(managementPort, "GET", path, Map.of(), null);
            assertThat(r.status()).as("%s %s", path, r).isEqualTo(200);
            assertThat(r.body()).as(path).contains("\"status\":\"UP\"");
        }
        // Spring Boot's tests turn the Prometheus registry off; ManagementBeyondLoopbackTest scrapes it
        RawHttp.Response metrics = RawHttp.send(managementPort, "GET", "/actuator/metrics", Map.of(), null);
        assertThat(metrics.status()).as(metrics.toString()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm.memory.used");
    }

    @Test
    void hawtioAndJolokiaDoNotExistWhileHawtioIsOff() {
        for (String path : new String[] {"/actuator/hawtio", "/actuator/hawtio/", "/actuator/hawtio/index.html",
                "/actuator/jolokia", "/actuator/jolokia/version"}) {
            RawHttp.Response r = RawHttp.send(managementPort, "GET", path, Map.of(), null);
            assertThat(r.status()).as("%s %s", path, r).isEqualTo(404);
        }
    }

    @Test
    void theScimApiIsNotServedOnTheManagementPort() {
        RawHttp.Response r = RawHttp.send(managementPort, "GET", "/scim/v2/demo/Users",
                Map.of("Authorization", "Bearer demo-token"), null);
        assertThat(r.status()).isEqualTo(404);
    }
}
