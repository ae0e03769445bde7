package org.scimbridge.sink;

import org.apache.camel.CamelContext;

/**
 * One kind of sink ({@code ldap}, {@code jdbc}, {@code route}): a Spring bean the feed stream finds by
 * {@link #name()}. A type binds and validates its sinks' own keys at start-up ({@link SinkDefinitions#bind}),
 * prepares what its route needs ({@link #prepare}), names the route that applies one change when a sink's
 * definition names none, and says which failures mean "the target is unreachable" and which "the target
 * refused this change".
 *
 * <p>A new sink needs no new type: a {@code route} sink is any {@code direct:} route (or route template) in
 * {@code routes/}.
 */
public interface SinkType {

    /** The {@code type:} value of the sinks it serves. */
    String name();

    /** Once Camel runs, and before its stream starts: binds what the route of {@code sink} uses (a datasource). */
    default void prepare(String sink, CamelContext camel) {
    }

    /** The route (or template) that applies a change of {@code sink} when its definition names neither. */
    ApplyRoute defaultRoute(String sink);

    /** Unreachable (retry, never park), refused (retry a few times, then park) or rejected (park at once). */
    Failure classify(Throwable error);

    /**
     * Checks that the sink's target answers now, for its health ({@code /actuator/health/sinks}): returns true
     * when it does, throws what went wrong when it does not, and returns false when this type cannot tell without
     * sending a change (the health then shows what the stream's last attempt met).
     */
    default boolean probe(String sink) throws Exception {
        return false;
    }

    /** One line for the parked list and the log: what went wrong, without a stack trace. */
    default String describe(Throwable error) {
        return Failures.describe(error);
    }

    /** How a failed attempt is handled. */
    enum Failure {
        /** The target cannot be reached (down, timed out, busy): retry with back-off, never park. */
        UNREACHABLE,
        /** The target refused this change (a 4xx, a conflict): retry a few times, then park. */
        REFUSED,
        /**
         * The target refused this change's data for good (a schema violation, a value its syntax does not allow):
         * parked at the first attempt, since a retry gets the same answer and only holds up the stream.
         */
        REJECTED
    }

    /**
     * The route a change goes to: {@code direct:<routeId>}, either a route loaded from {@code routes/}, or one the
     * bridge creates from {@code template} as {@code sink-<name>}.
     */
    record ApplyRoute(String routeId, String template) {
        public static ApplyRoute route(String routeId) {
            return new ApplyRoute(routeId, null);
        }

        public static ApplyRoute template(String sink, String template) {
            return new ApplyRoute("sink-" + sink, template);
        }
    }
}
