package org.scimbridge.sink;

import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.scimbridge.sink.ldap.LdapSinkProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The redelivery policies the sinks' error policies name with {@code redeliveryPolicyRef}
 * ({@code routes/sink-ldap.camel.yaml}, {@code routes/sink-jdbc.camel.yaml}). They are beans, not inline
 * {@code redeliveryPolicy} maps with {@code {{placeholders}}}, because the Camel YAML DSL schema types
 * {@code maximumRedeliveries} as a number: a placeholder there makes the file invalid for Camel JBang, Karavan and
 * the VS Code extension (RouteSchemaTest).
 *
 * <p>Transient failures (the target is unreachable) retry quietly and are never parked; permanent ones (the target
 * refuses the change) log each retry at WARN, then the route parks the change.
 */
@Configuration
public class SinkRedeliveryPolicies {

    @Bean
    public RedeliveryPolicy ldapTransientRedelivery(LdapSinkProperties ldap) {
        return backOff(ldap.transientRedeliveries(), ldap.initialBackoffMs(), ldap.maxBackoffMs(), LoggingLevel.DEBUG)
                .logExhausted(false);
    }

    @Bean
    public RedeliveryPolicy ldapPermanentRedelivery(LdapSinkProperties ldap) {
        return backOff(ldap.redeliveriesBeforePark(), ldap.initialBackoffMs(), ldap.maxBackoffMs(), LoggingLevel.WARN);
    }

    @Bean
    public RedeliveryPolicy jdbcTransientRedelivery(
            @Value("${scim-bridge.jdbc-sink.transient-redeliveries}") int redeliveries,
            @Value("${scim-bridge.jdbc-sink.initial-backoff-ms}") long initialBackoffMs,
            @Value("${scim-bridge.jdbc-sink.max-backoff-ms}") long maxBackoffMs) {
        return backOff(redeliveries, initialBackoffMs, maxBackoffMs, LoggingLevel.DEBUG).logExhausted(false);
    }

    @Bean
    public RedeliveryPolicy jdbcPermanentRedelivery(
            @Value("${scim-bridge.jdbc-sink.redeliveries-before-park}") int redeliveries,
            @Value("${scim-bridge.jdbc-sink.initial-backoff-ms}") long initialBackoffMs,
            @Value("${scim-bridge.jdbc-sink.max-backoff-ms}") long maxBackoffMs) {
        return backOff(redeliveries, initialBackoffMs, maxBackoffMs, LoggingLevel.WARN);
    }

    /** Exponential back-off (doubling from {@code initialBackoffMs} up to {@code maxBackoffMs}), no stack traces. */
    static RedeliveryPolicy backOff(int redeliveries, long initialBackoffMs, long maxBackoffMs, LoggingLevel retryLog) {
        return new RedeliveryPolicy()
                .maximumRedeliveries(redeliveries)
                .redeliveryDelay(initialBackoffMs)
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(maxBackoffMs)
                .retryAttemptedLogLevel(retryLog)
                .logStackTrace(false);
    }
}
