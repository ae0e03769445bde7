package org.scimbridge.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Keeps the sink keys of the release before working for one more release, with one deprecation warning per
 * key: each old key found in a property source is copied to its new name in a source placed just before that
 * one, so it wins over the same key at the new name in the sources below it (application.yaml) and loses to
 * the sources above it (a new key on the command line), as the old key would have.
 *
 * <table>
 *   <tr><th>old</th><th>new</th></tr>
 *   <tr><td>{@code scim-bridge.ldap.targets.<name>.<key>}</td><td>{@code scim-bridge.sinks.<name>.<key>}, {@code type: ldap}</td></tr>
 *   <tr><td>{@code scim-bridge.jdbc-sinks.<name>.<key>}</td><td>{@code scim-bridge.sinks.<name>.<key>}, {@code type: jdbc}</td></tr>
 *   <tr><td>{@code scim-bridge.sinks.instance-id}, {@code .lease-ms}, {@code .pollers}</td><td>{@code scim-bridge.stream.*}</td></tr>
 *   <tr><td>{@code scim-bridge.ldap.*} and {@code scim-bridge.jdbc-sink.*}: {@code poll-period-ms}, {@code poll-delay-ms},
 *       {@code batch-size}, {@code initial-backoff-ms}, {@code max-backoff-ms}</td><td>{@code scim-bridge.stream.*}</td></tr>
 *   <tr><td>{@code ...transient-redeliveries}</td><td>{@code scim-bridge.stream.transient-retries}</td></tr>
 *   <tr><td>{@code ...redeliveries-before-park: N}</td><td>{@code scim-bridge.stream.refusals-before-park: N + 1}</td></tr>
 * </table>
 * Keys under a map ({@code targets.<name>}) are found by their exact dotted name, so in an environment variable
 * use the new key ({@code SCIM_BRIDGE_SINKS_CORP_URL}).
 */
public class LegacySinkKeys implements EnvironmentPostProcessor {

    static final String SOURCE_PREFIX = "scim-bridge-legacy-sink-keys:";
    private static final String LDAP_TARGETS = "scim-bridge.ldap.targets.";
    private static final String JDBC_SINKS = "scim-bridge.jdbc-sinks.";
    private static final List<String> STREAM_KEYS = List.of("poll-period-ms", "poll-delay-ms", "batch-size",
            "initial-backoff-ms", "max-backoff-ms", "transient-redeliveries", "redeliveries-before-park");
    private static final List<String> OLD_STREAM_PREFIXES = List.of("scim-bridge.jdbc-sink.", "scim-bridge.ldap.");

    private final Log log;

    public LegacySinkKeys(DeferredLogFactory logs) {
        this.log = logs.getLog(LegacySinkKeys.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        for (PropertySource<?> source : List.copyOf(environment.getPropertySources().stream().toList())) {
            if (source.getName().startsWith(SOURCE_PREFIX)
                    || ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue; // the attached view of all sources would put a copy above them all
            }
            Map<String, Object> translated = translate(source);
            if (!translated.isEmpty()) {
                environment.getPropertySources().addBefore(source.getName(),
                        new MapPropertySource(SOURCE_PREFIX + source.getName(), translated));
            }
        }
    }

    Map<String, Object> translate(PropertySource<?> source) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (source instanceof EnumerablePropertySource<?> names) {
            for (String name : names.getPropertyNames()) {
                mapEntry(name, LDAP_TARGETS, "ldap", source, out);
                mapEntry(name, JDBC_SINKS, "jdbc", source, out);
            }
        }
        for (String key : List.of("instance-id", "lease-ms", "pollers")) {
            scalar(source, "scim-bridge.sinks." + key, "scim-bridge.stream." + key, 0, out);
        }
        // the LDAP sink's settings win over the JDBC sink's: one set now serves every stream
        for (String prefix : OLD_STREAM_PREFIXES) {
            for (String key : STREAM_KEYS) {
                String to = switch (key) {
                    case "transient-redeliveries" -> "transient-retries";
                    case "redeliveries-before-park" -> "refusals-before-park";
                    default -> key;
                };
                scalar(source, prefix + key, "scim-bridge.stream." + to, key.equals("redeliveries-before-park") ? 1 : 0,
                        out);
            }
        }
        return out;
    }

    private void mapEntry(String name, String prefix, String type, PropertySource<?> source, Map<String, Object> out) {
        if (!name.startsWith(prefix) || name.length() == prefix.length()) {
            return;
        }
        String rest = name.substring(prefix.length());
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            return;
        }
        String sink = rest.substring(0, dot);
        String to = "scim-bridge.sinks." + rest;
        out.put(to, source.getProperty(name));
        if (out.put("scim-bridge.sinks." + sink + ".type", type) == null) {
            log.warn("scim-bridge: " + prefix + sink + ".* is deprecated; it is read as scim-bridge.sinks." + sink
                    + ".* with type: " + type + " (in " + source.getName() + "); move it, the old keys go in the"
                    + " next release");
        }
    }

    private void scalar(PropertySource<?> source, String from, String to, int add, Map<String, Object> out) {
        Object value = source.getProperty(from);
        if (value == null || out.containsKey(to)) {
            return;
        }
        Object v = value;
        if (add != 0) {
            try {
                v = String.valueOf(Long.parseLong(String.valueOf(value).trim()) + add);
            } catch (NumberFormatException e) {
                v = value; // left for the binder to reject with the new key's name
            }
        }
        out.put(to, v);
        log.warn("scim-bridge: " + from + " is deprecated; it is read as " + to + (add == 0 ? "" : " = " + v)
                + " (in " + source.getName() + "); move it, the old key goes in the next release");
    }
}
