package org.scimbridge.sink;

import org.springframework.stereotype.Component;

/**
 * {@code type: route}: a sink that is any {@code direct:} route in {@code routes/}, written in YAML alone (the
 * webhook sink, a Kafka topic, a queue). Its route is {@code sink-<name>} unless the definition names another
 * {@code route}, or a {@code template} to instantiate. Failures are classified by {@link Failures}.
 */
@Component
public class RouteSinkType implements SinkType {

    @Override
    public String name() {
        return "route";
    }

    @Override
    public ApplyRoute defaultRoute(String sink) {
        return ApplyRoute.route("sink-" + sink);
    }

    @Override
    public Failure classify(Throwable error) {
        return Failures.classify(error);
    }
}
