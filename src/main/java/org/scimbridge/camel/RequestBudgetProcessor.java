package org.scimbridge.camel;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.scimbridge.limits.RequestBudget;
import org.scimbridge.limits.RequestLimits;
import org.springframework.stereotype.Component;

/**
 * Starts the request's time budget ({@code scim-bridge.limits.request-timeout}) on the thread that runs its route:
 * every statement it runs ends by the deadline, and one asked for after it fails at once, answered 503.
 */
@Component("requestBudget")
public class RequestBudgetProcessor implements Processor {

    private final long budgetMillis;

    public RequestBudgetProcessor(RequestLimits limits) {
        this.budgetMillis = limits.requestTimeout().toMillis();
    }

    @Override
    public void process(Exchange exchange) {
        RequestBudget.begin(budgetMillis);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                RequestBudget.end();
            }
        });
    }
}
