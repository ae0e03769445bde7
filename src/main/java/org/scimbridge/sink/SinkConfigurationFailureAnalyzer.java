package org.scimbridge.sink;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link SinkConfigurationException} into Spring Boot's "APPLICATION FAILED TO START" text, no stack. */
public class SinkConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<SinkConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SinkConfigurationException cause) {
        return new FailureAnalysis("Sink configuration: " + cause.getMessage(),
                "Fix scim-bridge.sinks / scim-bridge.directories.*.sinks (README, \"Sinks\").", cause);
    }
}
