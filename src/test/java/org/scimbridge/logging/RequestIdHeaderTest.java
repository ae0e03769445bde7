package org.scimbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scimbridge.testsupport.ScimClient;
import org.scimbridge.testsupport.ScimClient.Response;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Every answer carries exactly one {@code X-Request-Id}: the caller's, or the trace id of its
 * {@code traceparent}, or a new one, whoever answers (a route, a servlet filter, the error controller).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class RequestIdHeaderTest {

    @LocalServerPort
    int port;

    @Test
    void aRouteAnswerEchoesTheCallersIdOnce() {
        Response list = client("demo-token").send("GET", "/Users", null, Map.of("X-Request-Id", "entra-1"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw().headers().allValues("X-Request-Id")).containsExactly("entra-1");
    }

    @Test
    void aRefusedTokenStillCarriesTheTraceId() {
        Response refused = client("wrong").send("GET", "/Users", null,
                Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.raw().headers().allValues("X-Request-Id"))
                .containsExactly("0af7651916cd43dd8448eb211c80319c");
    }

    @Test
    void answersOfTheServletFiltersAndOfAnUnknownPathGetANewId() {
        Response unsupported = client("demo-token").send("POST", "/Users", "x", Map.of("Content-Type", "text/plain"));
        assertThat(unsupported.status()).isEqualTo(415);
        assertThat(unsupported.raw().headers().allValues("X-Request-Id")).singleElement()
                .satisfies(id -> assertThat(id).hasSize(36));

        Response unknown = client("demo-token").get("/Nothing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.raw().headers().allValues("X-Request-Id")).hasSize(1);
    }

    private ScimClient client(String token) {
        return new ScimClient(port, "demo", token);
    }
}
