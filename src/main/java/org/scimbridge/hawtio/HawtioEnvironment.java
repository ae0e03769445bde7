package org.scimbridge.hawtio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code scim-bridge.hawtio.enabled} (false) as Hawtio's and actuator's own settings. Hawtio registers its console,
 * its filters and Jolokia only when actuator exposes the {@code hawtio} and {@code jolokia} endpoints, so this
 * decides the exposure list: with the switch off both are taken out of it (even if an operator listed them), with it
 * on both are added, Hawtio's own login is turned off (the bridge's security chain asks for the admin credential
 * instead, {@code security.SecurityConfiguration}) and so is its proxy (which would let the console reach other
 * hosts' Jolokia from the bridge). The property source goes first, so no other setting undoes it.
 */
public class HawtioEnvironment implements EnvironmentPostProcessor, Ordered {

    public static final String ENABLED = "scim-bridge.hawtio.enabled";
    static final String EXPOSURE = "management.endpoints.web.exposure.include";
    static final List<String> ENDPOINTS = List.of("hawtio", "jolokia");
    static final String SOURCE = "scim-bridge-hawtio";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        boolean enabled = binder.bind(ENABLED, Boolean.class).orElse(false);
        List<String> exposed = new ArrayList<>(binder.bind(EXPOSURE, Bindable.listOf(String.class))
                .orElse(List.of("health")));
        exposed.removeIf(id -> ENDPOINTS.contains(id.strip()));
        Map<String, Object> settings = new LinkedHashMap<>();
        if (enabled) {
            exposed.addAll(ENDPOINTS);
            settings.put("hawtio.authenticationEnabled", "false");
            settings.put("hawtio.disableProxy", "true");
        }
        settings.put(EXPOSURE, String.join(",", exposed));
        environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, settings));
    }

    /** After the configuration files and the environment are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
