package org.scimbridge.camel;

import org.apache.camel.AsyncCallback;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.NamedNode;
import org.apache.camel.Processor;
import org.apache.camel.spi.InterceptStrategy;
import org.apache.camel.support.AsyncProcessorConverterHelper;
import org.apache.camel.support.processor.DelegateAsyncProcessor;
import org.springframework.stereotype.Component;

/**
 * Camel's error handler catches {@link Exception}s only: an {@link OutOfMemoryError} thrown by a step left the
 * route unanswered and reached the client as a 500 (issue 8.4). Every step of every route is wrapped so that the
 * error becomes the exchange's exception, which the one error policy ({@code routes/scim-errors.camel.yaml})
 * answers as 503 with {@code Retry-After}; the step's transaction was already rolled back (Spring rolls back on an
 * Error too). Picked up by Camel as a context-wide {@link InterceptStrategy} bean.
 */
@Component
public class ResourceExhaustion implements InterceptStrategy {

    /** Carries the error through Camel's error handler; {@code web.ScimErrors} maps its cause. */
    public static final class Exhausted extends RuntimeException {
        Exhausted(OutOfMemoryError cause) {
            super("Out of memory in a route step", cause, false, false);
        }
    }

    @Override
    public Processor wrapProcessorInInterceptors(CamelContext context, NamedNode definition, Processor target,
            Processor nextTarget) {
        return new DelegateAsyncProcessor(AsyncProcessorConverterHelper.convert(target)) {
            @Override
            public boolean process(Exchange exchange, AsyncCallback callback) {
                try {
                    return processor.process(exchange, callback);
                } catch (OutOfMemoryError e) {
                    exchange.setException(new Exhausted(e));
                    callback.done(true);
                    return true;
                }
            }
        };
    }
}
