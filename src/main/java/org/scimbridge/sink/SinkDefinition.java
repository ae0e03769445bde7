package org.scimbridge.sink;

import java.util.Map;

/**
 * What every sink under {@code scim-bridge.sinks.<name>} has, whatever its type; the type's own keys
 * ({@code url}, {@code base-dn}, ...) sit beside these and are bound by the type.
 *
 * @param type            {@code ldap}, {@code jdbc} or {@code route}
 * @param route           the id of the route that applies one change (its {@code from} is {@code direct:<route>});
 *                        default: the type's own ({@code sink-ldap}; {@code sink-<name>} for jdbc and route sinks)
 * @param template        instead of {@code route}: a route template the bridge instantiates as {@code sink-<name>},
 *                        with {@code parameters} and {@code sink=<name>}
 * @param parameters      the template's parameters
 * @param includePrevious true: the stream also hands the sink the resource as the change before left it
 *                        ({@link SinkChange#previous()}); one more read per change
 */
public record SinkDefinition(String type, String route, String template, Map<String, String> parameters,
                             boolean includePrevious) {

    public SinkDefinition {
        type = type == null ? null : type.trim();
        route = route == null || route.isBlank() ? null : route.trim();
        template = template == null || template.isBlank() ? null : template.trim();
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
