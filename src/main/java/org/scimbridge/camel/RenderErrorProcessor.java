package org.scimbridge.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.scimbridge.scim.error.ScimErrorRenderer;
import org.scimbridge.web.ScimErrors;
import org.scimbridge.scim.error.ScimException;
import org.scimbridge.web.ScimErrorResponses;
import org.springframework.stereotype.Component;

/** The routes' error policy ends here: the caught exception becomes a SCIM error response. */
@Component("renderScimError")
public class RenderErrorProcessor implements Processor {

    private final ScimErrorResponses responses;

    public RenderErrorProcessor(ScimErrorResponses responses) {
        this.responses = responses;
    }

    @Override
    public void process(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ScimException error = ScimErrors.toScim(caught);
        ScimExchange.respond(exchange, error.status(), ScimErrorRenderer.body(error));
        if (error.status() == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"scim-bridge\"");
        }
        if (error.status() == 429 || error.status() == 503) {
            exchange.getMessage().setHeader("Retry-After", responses.retryAfter());
        }
    }
}
