package org.scimbridge.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.InProcessBridge;
import org.scimbridge.testsupport.Json;
import org.scimbridge.testsupport.RawHttp;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 13.4: Tomcat opens its port before Camel starts the routes (Camel starts when the context has been
 * refreshed, the web servers already running). On main a SCIM request in that window answered 404 "No such
 * endpoint", which Entra reads as "this user does not exist". The test holds Camel's start open, requests during
 * it, then lets it go: every answer is 503 with Retry-After until the routes run, readiness says DOWN meanwhile,
 * and not one 404 appears.
 */
class RequestsDuringStartupTest {

    @Test
    void scimRequestsAnswer503WithRetryAfterUntilTheRoutesRunAndNeverAnswer404() throws Exception {
        CountDownLatch camelStarting = new CountDownLatch(1);
        CountDownLatch mayStart = new CountDownLatch(1);
        CamelContextConfiguration holdCamelStart = new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camelContext) {
                camelStarting.countDown();
                try {
                    mayStart.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void afterApplicationStart(CamelContext camelContext) {
            }
        };
        InProcessBridge bridge = new InProcessBridge();
        CompletableFuture<ConfigurableApplicationContext> started = CompletableFuture.supplyAsync(() -> bridge.run(
                c -> c.getBeanFactory().registerSingleton("holdCamelStart", holdCamelStart)));
        try {
            assertThat(camelStarting.await(180, TimeUnit.SECONDS)).as("the bridge reached Camel's start").isTrue();
            Map<String, String> token = Map.of("Authorization", "Bearer demo-token");
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                RawHttp.Response r = RawHttp.send(bridge.port, "GET", "/scim/v2/demo/Users", token, null);
                statuses.add(r.status());
                assertThat(r.status()).as(r.toString()).isEqualTo(503);
                assertThat(r.header("Retry-After")).isNotBlank();
                assertThat(Json.parse(r.body()).path("status").asText()).isEqualTo("503");
            }
            RawHttp.Response readiness = RawHttp.send(bridge.managementPort, "GET", "/actuator/health/readiness",
                    Map.of(), null);
            assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
            assertThat(readiness.body()).contains("DOWN");

            mayStart.countDown();
            while (!started.isDone()) {
                statuses.add(RawHttp.send(bridge.port, "GET", "/scim/v2/demo/Users", token, null).status());
            }
            try (ConfigurableApplicationContext context = started.get(60, TimeUnit.SECONDS)) {
                statuses.add(RawHttp.send(bridge.port, "GET", "/scim/v2/demo/Users", token, null).status());
                assertThat(statuses).as("answers from the port opening on").doesNotContain(404)
                        .containsOnly(503, 200).endsWith(200);
                assertThat(RawHttp.send(bridge.managementPort, "GET", "/actuator/health/readiness", Map.of(), null)
                        .status()).isEqualTo(200);
            }
        } finally {
            mayStart.countDown();
        }
    }
}
