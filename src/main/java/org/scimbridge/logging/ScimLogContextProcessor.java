package org.scimbridge.logging;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.support.ExchangeHelper;
import org.apache.camel.support.SynchronizationAdapter;
import org.springframework.stereotype.Component;

/**
 * First step of every SCIM route (the error policy's interceptFrom): the request's MDC on the thread that runs
 * the route (platform-http serves requests on its own executor, where the servlet filter's MDC is not), and the
 * operation, the route id ({@code scim-users-patch}), for the access line. Removed when the exchange is done, so
 * a pooled thread carries nothing into its next task.
 */
@Component("scimLogContext")
public class ScimLogContextProcessor implements Processor {

    /** Exchange property: the operation, once the first SCIM route of the exchange has named it. */
    static final String OPERATION_PROPERTY = "scimLogOperation";

    @Override
    public void process(Exchange exchange) {
        if (exchange.getProperty(OPERATION_PROPERTY) != null) {
            return;   // a nested SCIM route: the first one names the operation
        }
        String operation = operation(exchange);
        exchange.setProperty(OPERATION_PROPERTY, operation);
        LogContext.put(LogContext.REQUEST_ID, exchange.getMessage().getHeader(RequestIds.HEADER, String.class));
        LogContext.put(LogContext.DIRECTORY, exchange.getMessage().getHeader("directoryId", String.class));
        LogContext.put(LogContext.RESOURCE_ID, exchange.getMessage().getHeader("id", String.class));
        LogContext.put(LogContext.OPERATION, operation);
        if (exchange.getIn() instanceof PlatformHttpMessage http) {
            http.getRequest().setAttribute(AccessLogFilter.OPERATION_ATTRIBUTE, operation);
        }
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                LogContext.clear();
            }
        });
    }

    /** The route being entered: the interceptFrom runs at the start of the direct: route it intercepts. */
    private static String operation(Exchange exchange) {
        return ExchangeHelper.getRouteId(exchange);
    }
}
