package org.scimbridge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.scimbridge.config.BridgeProperties;
import org.scimbridge.web.RequestBodyLimitFilter;
import org.scimbridge.web.ScimErrorResponses;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Issue 8.4: bodies that each pass the size limit may together exhaust the heap, so the bodies being served at
 * once share a budget of bytes; a request past it is 503 with Retry-After before its body is read, and the bytes
 * come back when the response is complete.
 */
class InFlightBodiesTest {

    static final int MB = 1_000_000;

    @Test
    void theAutomaticBudgetIsASixteenthOfTheHeapAndNeverLessThanOneLargestBody() {
        assertThat(InFlightBodies.budget(0, 512L << 20, 1 << 20)).isEqualTo(32L << 20);
        assertThat(InFlightBodies.budget(0, 8L << 20, 2 << 20)).isEqualTo(2L << 20);
        assertThat(InFlightBodies.budget(5 * MB, 512L << 20, 1 << 20)).isEqualTo(5 * MB);
        assertThat(InFlightBodies.budget(1000, 512L << 20, 1 << 20)).isEqualTo(1 << 20);
    }

    @Test
    void bytesTakenAreRefusedPastTheBudgetAndComeBack() {
        InFlightBodies inFlight = new InFlightBodies(3 * MB);
        assertThat(inFlight.tryTake(2 * MB)).isTrue();
        assertThat(inFlight.tryTake(2 * MB)).isFalse();
        assertThat(inFlight.tryTake(MB)).isTrue();
        inFlight.giveBack(2 * MB);
        assertThat(inFlight.tryTake(2 * MB)).isTrue();
        assertThat(inFlight.tryTake(4L * MB)).as("more than the whole budget").isFalse();
    }

    @Test
    void aSecondLargeBodyWhileTheFirstIsServedIs503WithRetryAfterAndTheFirstGivesItsBytesBack() throws Exception {
        InFlightBodies inFlight = new InFlightBodies(3 * MB / 2);
        RequestBodyLimitFilter filter = filter(inFlight);
        List<MockHttpServletResponse> nested = new ArrayList<>();
        List<Integer> heldDuringFirst = new ArrayList<>();
        MockHttpServletResponse first = new MockHttpServletResponse();
        filter.doFilter(post(MB), first, (request, response) -> {
            heldDuringFirst.add(inFlight.available());
            MockHttpServletResponse second = new MockHttpServletResponse();
            filter.doFilter(post(MB), second, (r, s) -> ((MockHttpServletResponse) s).setStatus(201));
            nested.add(second);
            MockHttpServletResponse small = new MockHttpServletResponse();
            filter.doFilter(post(1000), small, (r, s) -> ((MockHttpServletResponse) s).setStatus(201));
            nested.add(small);
            ((MockHttpServletResponse) response).setStatus(201);
        });
        assertThat(first.getStatus()).isEqualTo(201);
        assertThat(heldDuringFirst).containsExactly(MB / 2);
        MockHttpServletResponse refused = nested.get(0);
        assertThat(refused.getStatus()).isEqualTo(503);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("5");
        assertThat(refused.getContentAsString()).contains("urn:ietf:params:scim:api:messages:2.0:Error")
                .contains("\"status\":\"503\"");
        assertThat(nested.get(1).getStatus()).as("a small body still fits").isEqualTo(201);
        assertThat(inFlight.available()).as("every byte given back").isEqualTo(3 * MB / 2);

        MockHttpServletResponse after = new MockHttpServletResponse();
        filter.doFilter(post(MB), after, (r, s) -> ((MockHttpServletResponse) s).setStatus(201));
        assertThat(after.getStatus()).isEqualTo(201);
    }

    @Test
    void aChunkedBodyTakesItsBytesAsTheyArrive() throws Exception {
        InFlightBodies inFlight = new InFlightBodies(MB);
        assertThat(inFlight.tryTake(MB / 2)).isTrue();
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/scim/v2/d/Users") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        chunked.setContent(post(MB * 3 / 4).getContentAsByteArray());
        chunked.addHeader("Transfer-Encoding", "chunked");
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter(inFlight).doFilter(chunked, response, (r, s) -> ((MockHttpServletResponse) s).setStatus(201));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(inFlight.available()).isEqualTo(MB / 2);
    }

    private static RequestBodyLimitFilter filter(InFlightBodies inFlight) {
        RequestLimits limits = new RequestLimits(8, 64, Duration.ofSeconds(10), Duration.ofSeconds(10), 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(5), 100, 1000, 8 << 20, 0, 0);
        BridgeProperties bridge = new BridgeProperties(2 << 20, 100, 1000, java.util.Map.of());
        return new RequestBodyLimitFilter(bridge, limits, new ScimErrorResponses(limits), inFlight);
    }

    private static MockHttpServletRequest post(int bytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/scim/v2/d/Users");
        byte[] body = ("{\"userName\":\"" + "a".repeat(Math.max(0, bytes - 15)) + "\"}").getBytes(StandardCharsets.UTF_8);
        request.setContent(body);
        request.setContentType("application/scim+json");
        return request;
    }
}
