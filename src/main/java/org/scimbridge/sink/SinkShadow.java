package org.scimbridge.sink;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Which sinks run in shadow ({@code scim-bridge.sinks.<name>.shadow: true}, LDAP sinks only): such a sink computes
 * every write and records it instead of sending it. Its stream then keeps a position, lease and parked list of
 * its own, under {@link #stream} ({@code <sink>.shadow}, a name no sink can have), so that the real position does
 * not move: a restart with {@code shadow: false} applies everything since it, which is what was pending.
 */
@Component
public class SinkShadow {

    static final String SUFFIX = ".shadow";

    /** The one key every sink type may carry for shadow mode. */
    public record Key(boolean shadow) {
    }

    private final Map<String, Boolean> shadow = new TreeMap<>();

    public SinkShadow(SinkDefinitions definitions) {
        definitions.all().forEach((sink, d) -> {
            boolean on = definitions.bind(sink, Key.class).shadow();
            if (on && !"ldap".equals(d.type())) {
                throw new SinkConfigurationException(SinkDefinitions.PREFIX + "." + sink + ".shadow: shadow mode is"
                        + " for ldap sinks only (this one is " + d.type() + ")");
            }
            shadow.put(sink, on);
        });
    }

    public boolean on(String sink) {
        return shadow.getOrDefault(sink, false);
    }

    /** The name the sink's stream state (position, lease, parked changes) is kept under now. */
    public String stream(String sink) {
        return on(sink) ? sink + SUFFIX : sink;
    }

    /** The name of the stream state a sink keeps while in shadow. */
    public static String shadowStream(String sink) {
        return sink + SUFFIX;
    }
}
