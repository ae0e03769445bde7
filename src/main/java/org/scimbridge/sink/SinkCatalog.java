package org.scimbridge.sink;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every configured sink with its {@link SinkType} and the route that applies its changes, checked at start-up,
 * and the Camel side of it, once Camel runs with the routes of {@code routes/}: each type prepares its sinks (a
 * datasource in the registry), the sinks whose definition names a template get their route {@code sink-<name>}
 * from it, every sink fed by a directory must have its route, and each gets its stream route
 * {@code sink-stream-<name>} from the {@code sink-stream} template.
 *
 * <p>This runs as the first {@link ApplicationRunner} rather than in a {@code CamelContextConfiguration}, whose
 * {@code afterApplicationStart} exceptions Camel logs and ignores: a sink whose route is missing must stop the
 * start, not leave its changes unapplied.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class SinkCatalog implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(SinkCatalog.class);
    static final String STREAM_TEMPLATE = "sink-stream";

    private final SinkDefinitions definitions;
    private final StreamProperties stream;
    private final Map<String, SinkType> types = new TreeMap<>();
    private final CamelContext camel;

    public SinkCatalog(SinkDefinitions definitions, StreamProperties stream, List<SinkType> types,
                       CamelContext camel) {
        this.camel = camel;
        this.definitions = definitions;
        this.stream = stream;
        types.forEach(t -> this.types.put(t.name(), t));
        definitions.all().forEach((name, d) -> {
            if (!this.types.containsKey(d.type())) {
                throw new SinkConfigurationException(SinkDefinitions.PREFIX + "." + name + ".type '" + d.type()
                        + "' is not a sink type (one of " + String.join(", ", this.types.keySet()) + ")");
            }
        });
    }

    public static String streamRouteId(String sink) {
        return "sink-stream-" + sink;
    }

    public boolean exists(String sink) {
        return definitions.get(sink) != null;
    }

    public SinkDefinition definition(String sink) {
        SinkDefinition d = definitions.get(sink);
        if (d == null) {
            throw new IllegalArgumentException("no sink named '" + sink + "'");
        }
        return d;
    }

    public SinkType type(String sink) {
        return types.get(definition(sink).type());
    }

    /** The sinks some directory feeds. */
    public List<String> active() {
        return definitions.active();
    }

    public List<String> directoriesOf(String sink) {
        return definitions.directoriesOf(sink);
    }

    /** The route a change of {@code sink} goes to ({@code direct:<id>}), or the template it is made from. */
    public SinkType.ApplyRoute apply(String sink) {
        SinkDefinition d = definition(sink);
        if (d.template() != null) {
            return SinkType.ApplyRoute.template(sink, d.template());
        }
        if (d.route() != null) {
            return SinkType.ApplyRoute.route(d.route());
        }
        return type(sink).defaultRoute(sink);
    }

    public String applyRoute(String sink) {
        return apply(sink).routeId();
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!stream.pollers()) {
            LOG.info("sink streams off (scim-bridge.stream.pollers=false)");
            return;
        }
        definitions.all().keySet().forEach(sink -> type(sink).prepare(sink, camel));
        for (String sink : active()) {
            SinkType.ApplyRoute apply = apply(sink);
            if (apply.template() != null) {
                Map<String, Object> parameters = new HashMap<>(definition(sink).parameters());
                parameters.put("sink", sink);
                addFromTemplate(camel, apply.routeId(), apply.template(), parameters,
                        SinkDefinitions.PREFIX + "." + sink + ".template");
            }
            if (camel.getRoute(apply.routeId()) == null) {
                throw new SinkConfigurationException("sink " + sink + " applies its changes with route '"
                        + apply.routeId() + "', but no route has that id (routes are read from "
                        + "camel.main.routes-include-pattern; its from must be direct:" + apply.routeId() + ")");
            }
        }
        for (String sink : active()) {
            Map<String, Object> parameters = new LinkedHashMap<>();
            parameters.put("sink", sink);
            parameters.put("period", stream.pollPeriodMs());
            parameters.put("delay", stream.pollDelayMs());
            addFromTemplate(camel, streamRouteId(sink), STREAM_TEMPLATE, parameters, "the sink-stream template");
            LOG.info("sink {} ({}) feeds from directories {} through direct:{}", sink, definition(sink).type(),
                    directoriesOf(sink), applyRoute(sink));
        }
    }

    private static void addFromTemplate(CamelContext camel, String routeId, String template,
                                        Map<String, Object> parameters, String where) {
        try {
            camel.addRouteFromTemplate(routeId, template, parameters);
        } catch (Exception e) {
            throw new SinkConfigurationException(where + ": cannot create route " + routeId + " from template '"
                    + template + "': " + e.getMessage(), e);
        }
    }
}
