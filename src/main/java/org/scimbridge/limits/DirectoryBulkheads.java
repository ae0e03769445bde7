package org.scimbridge.limits;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Two resilience4j semaphore bulkheads per directory: {@link #admission} (the requests in flight or waiting, never
 * waited for) and {@link #execution} (the requests served at once, waited for up to {@code permit-wait}).
 */
@Component
public class DirectoryBulkheads {

    private final BulkheadRegistry admission;
    private final BulkheadRegistry execution;

    public DirectoryBulkheads(RequestLimits limits) {
        this.admission = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(limits.concurrentRequestsPerDirectory() + limits.maxQueuedRequestsPerDirectory())
                .maxWaitDuration(Duration.ZERO)
                .build());
        this.execution = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(limits.concurrentRequestsPerDirectory())
                .maxWaitDuration(limits.permitWait())
                .build());
    }

    public Bulkhead admission(String directoryId) {
        return admission.bulkhead(directoryId);
    }

    public Bulkhead execution(String directoryId) {
        return execution.bulkhead(directoryId);
    }
}
