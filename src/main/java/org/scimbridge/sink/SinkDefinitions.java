package org.scimbridge.sink;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.scimbridge.config.BridgeProperties;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The sinks under {@code scim-bridge.sinks.<name>} and the directories that feed each, read once at start-up
 * and checked: a name is kebab-case (it becomes route ids), has a {@code type}, and every name in a directory's
 * {@code sinks} list exists. Each sink type binds its own keys of the same subtree with {@link #bind}.
 *
 * <p>The subtree is bound by hand rather than as one {@code @ConfigurationProperties} record because each type
 * has other keys, and because the keys {@code scim-bridge.sinks.instance-id}, {@code lease-ms} and {@code pollers}
 * of the release before (now {@code scim-bridge.stream.*}, translated by {@code LegacySinkKeys}) sit in the same
 * place as the map and are not sinks.
 */
@Component
public class SinkDefinitions {

    static final String PREFIX = "scim-bridge.sinks";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> LEGACY_SCALARS = Set.of("instance-id", "lease-ms", "pollers");

    private final Binder binder;
    private final Validator validator;
    private final Map<String, SinkDefinition> sinks;
    private final Map<String, List<String>> directoriesOf = new TreeMap<>();

    public SinkDefinitions(Environment environment, BridgeProperties bridge, Validator validator) {
        this.validator = validator;
        ConfigurationPropertyName legacy0 = ConfigurationPropertyName.of(PREFIX);
        this.binder = new Binder(StreamSupport.stream(ConfigurationPropertySources.get(environment).spliterator(),
                false).map(s -> s.filter(n -> !isLegacyScalar(legacy0, n))).toList(),
                new PropertySourcesPlaceholdersResolver(environment));
        Map<String, SinkDefinition> bound = binder.bind(PREFIX,
                Bindable.mapOf(String.class, SinkDefinition.class)).orElse(Map.of());
        Map<String, SinkDefinition> checked = new LinkedHashMap<>();
        new TreeMap<>(bound).forEach((name, d) -> {
            if (!NAME.matcher(name).matches()) {
                throw new SinkConfigurationException(PREFIX + "." + name + ": a sink name is lower-case letters,"
                        + " digits and dashes (it names routes and metrics)");
            }
            if (d.type() == null || d.type().isEmpty()) {
                throw new SinkConfigurationException(PREFIX + "." + name + ".type is missing (ldap, jdbc or route)");
            }
            if (d.route() != null && d.template() != null) {
                throw new SinkConfigurationException(PREFIX + "." + name + ": give route or template, not both");
            }
            checked.put(name, d);
        });
        this.sinks = Map.copyOf(checked);
        bridge.directories().forEach((dir, p) -> {
            for (String sink : p.sinks()) {
                String name = sink.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!sinks.containsKey(name)) {
                    throw new SinkConfigurationException("scim-bridge.directories." + dir + ".sinks names '" + name
                            + "', which is not a sink under " + PREFIX + " (configured: "
                            + (sinks.isEmpty() ? "none" : String.join(", ", new TreeMap<>(sinks).keySet())) + ")");
                }
                directoriesOf.computeIfAbsent(name, k -> new ArrayList<>()).add(dir);
            }
        });
        directoriesOf.replaceAll((k, v) -> v.stream().sorted().distinct().toList());
    }

    private static boolean isLegacyScalar(ConfigurationPropertyName prefix, ConfigurationPropertyName name) {
        return name.getNumberOfElements() == prefix.getNumberOfElements() + 1 && prefix.isAncestorOf(name)
                && LEGACY_SCALARS.contains(name.getLastElement(ConfigurationPropertyName.Form.DASHED));
    }

    /** Every configured sink by name (sorted), whether or not a directory feeds it. */
    public Map<String, SinkDefinition> all() {
        return new TreeMap<>(sinks);
    }

    public SinkDefinition get(String sink) {
        return sinks.get(sink);
    }

    /** The sinks of one type that some directory feeds, sorted. */
    public List<String> activeOfType(String type) {
        return active().stream().filter(s -> type.equals(sinks.get(s).type())).toList();
    }

    /** The sinks that some directory feeds, sorted. */
    public List<String> active() {
        return List.copyOf(directoriesOf.keySet());
    }

    /** The sinks of one type, fed or not (a type validates every sink it is given, so a typo fails at once). */
    public List<String> ofType(String type) {
        return new TreeMap<>(sinks).entrySet().stream().filter(e -> type.equals(e.getValue().type()))
                .map(Map.Entry::getKey).toList();
    }

    /** The directories that name this sink in their {@code sinks}, sorted. */
    public List<String> directoriesOf(String sink) {
        return directoriesOf.getOrDefault(sink, List.of());
    }

    /**
     * A sink's own keys as its type's settings record, validated (bean validation on the record): a missing key
     * or a value that does not convert stops the start with the key in the message.
     */
    public <T> T bind(String sink, Class<T> settings) {
        String at = PREFIX + "." + sink;
        T bound;
        try {
            bound = binder.bindOrCreate(at, Bindable.of(settings));
        } catch (BindException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            throw new SinkConfigurationException(at + ": " + cause.getMessage(), e);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(bound);
        if (!violations.isEmpty()) {
            ConstraintViolation<T> v = violations.stream()
                    .min((a, b) -> a.getPropertyPath().toString().compareTo(b.getPropertyPath().toString())).get();
            throw new SinkConfigurationException(at + "." + dashed(v.getPropertyPath().toString()) + " "
                    + v.getMessage());
        }
        return bound;
    }

    static String dashed(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }
}
