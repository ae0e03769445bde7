package org.scimbridge.limits;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import org.springframework.stereotype.Component;

/** One resilience4j semaphore bulkhead per directory: at most so many of its requests are served at once. */
@Component
public class DirectoryBulkheads {

    private final BulkheadRegistry registry;

    public DirectoryBulkheads(RequestLimits limits) {
        this.registry = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(limits.concurrentRequestsPerDirectory())
                .maxWaitDuration(limits.permitWait())
                .build());
    }

    public Bulkhead of(String directoryId) {
        return registry.bulkhead(directoryId);
    }
}
