package org.scimbridge.sink;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A clean stop in order: no stream starts another change, the change in flight finishes (a back-off is cut
 * short and its change left for the next start), the leases are given back, and only then do Camel and the
 * datasource stop. Its phase is above Camel's ({@code SpringCamelContext}: {@code Integer.MAX_VALUE - 2049}) and
 * below the web server's graceful shutdown ({@code Integer.MAX_VALUE - 1024}), so Spring stops it after the
 * last HTTP request and before Camel; beans, the pool of the store of record among them, are destroyed after
 * every lifecycle has stopped.
 *
 * <p>Without this order a stop released the leases while the H2 file was already closed (and the next start
 * waited a whole lease before any change reached a sink).
 */
@Component
public class SinkShutdown implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SinkShutdown.class);
    static final int PHASE = Integer.MAX_VALUE - 2048;
    /** How long the change in flight may take to finish (one LDAP write is bounded by its 15 s read timeout). */
    private static final long IN_FLIGHT_MS = 20_000;

    private final SinkStreams streams;
    private final SinkLeases leases;
    private volatile boolean running;

    public SinkShutdown(SinkStreams streams, SinkLeases leases) {
        this.streams = streams;
        this.leases = leases;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        streams.stop();
        if (!streams.awaitIdle(IN_FLIGHT_MS)) {
            LOG.info("a sink change was still in flight after {} ms; it is applied again at the next start",
                    IN_FLIGHT_MS);
        }
        leases.releaseAll();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
