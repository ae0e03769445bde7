package org.scimbridge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimbridge.camel.RenderErrorProcessor;
import org.scimbridge.camel.ResourceExhaustion;
import org.scimbridge.limits.RequestLimits;
import org.scimbridge.testsupport.ExpectedLog;

/**
 * Issue 8.4: an OutOfMemoryError while a request is served is resource exhaustion, not a bug: 503 with
 * Retry-After as a SCIM error body, so Entra retries, instead of 500. Camel's error handler alone lets an Error
 * through (this test failed, with the error out of the route, before {@link ResourceExhaustion}). The transaction
 * it interrupted is rolled back (Spring's default rollback rule covers Error as well as RuntimeException).
 */
class OutOfMemoryMappingTest {

    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(ScimErrors.class).expect("Out of memory while serving a request");

    @Test
    void anOutOfMemoryErrorHoweverWrappedIs503() {
        assertThat(ScimErrors.toScim(new OutOfMemoryError("simulated")).status()).isEqualTo(503);
        assertThat(ScimErrors.toScim(new RuntimeCamelException(new OutOfMemoryError("simulated"))).status())
                .isEqualTo(503);
    }

    @Test
    void theRoutesErrorPolicyForExceptionCatchesAnOutOfMemoryErrorAndAnswers503WithRetryAfter() throws Exception {
        RequestLimits limits = new RequestLimits(8, 64, Duration.ofSeconds(10), Duration.ofSeconds(10), 1024,
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(7), 100, 1000, 8 << 20, 0, 0);
        RenderErrorProcessor render = new RenderErrorProcessor(new ScimErrorResponses(limits));
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getCamelContextExtension().addInterceptStrategy(new ResourceExhaustion());
            // the shape of routes/scim-errors.camel.yaml: onException java.lang.Exception, handled, renderScimError
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    onException(Exception.class).handled(true).process(render);
                    from("direct:scim-heavy").process(e -> {
                        throw new OutOfMemoryError("simulated");
                    });
                }
            });
            camel.start();
            Exchange answer = camel.createProducerTemplate().request("direct:scim-heavy", e -> { });
            assertThat(answer.getException()).isNull();
            assertThat(answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(503);
            assertThat(answer.getMessage().getHeader("Retry-After")).isEqualTo("7");
            String body = answer.getMessage().getBody(String.class);
            assertThat(body).contains("urn:ietf:params:scim:api:messages:2.0:Error").contains("\"status\":\"503\"");
        }
    }
}
