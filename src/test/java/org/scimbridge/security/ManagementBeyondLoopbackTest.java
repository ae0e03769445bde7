package org.scimbridge.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.RawHttp;

/** Bound beyond loopback, the management port keeps health open for probes and wants the admin token for the rest. */
class ManagementBeyondLoopbackTest extends HardenedBridgeTestBase {

    @Test
    void healthAndItsGroupsNeedNoCredential() {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness"}) {
            RawHttp.Response r = RawHttp.send(managementPort, "GET", path, Map.of(), null);
            assertThat(r.status()).as("%s %s", path, r).isEqualTo(200);
        }
    }

    @Test
    void prometheusAndMetricsNeedTheAdminToken() {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/metrics", "/actuator/info",
                "/actuator", "/actuator/%70rometheus"}) {
            assertThat(RawHttp.send(managementPort, "GET", path, Map.of(), null).status()).as(path).isEqualTo(401);
            assertThat(RawHttp.send(managementPort, "GET", path, Map.of("Authorization", "Bearer attacked-token"),
                    null).status()).as(path).isEqualTo(401);
        }
        // Hawtio is off here: even the admin finds neither it nor its Jolokia
        for (String path : new String[] {"/actuator/hawtio/", "/actuator/jolokia/version"}) {
            assertThat(RawHttp.send(managementPort, "GET", path, Map.of("Authorization", "Bearer " + ADMIN_TOKEN),
                    null).status()).as(path).isEqualTo(404);
        }
        // one request on the SCIM port, so the scrape has a request timer even when this class runs alone
        RawHttp.send(port, "GET", "/scim/v2/demo/ServiceProviderConfig", Map.of(), null);
        RawHttp.Response scrape = RawHttp.send(managementPort, "GET", "/actuator/prometheus",
                Map.of("Authorization", "Bearer " + ADMIN_TOKEN), null);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("http_server_requests_seconds");
    }
}
