package org.scimbridge.config;

import org.springframework.core.env.ConfigurableEnvironment;

/** Runs {@link LegacySinkKeys} on an environment, as Spring Boot does before binding (for tests elsewhere). */
public final class LegacySinkKeysAccess {

    private LegacySinkKeysAccess() {
    }

    public static void apply(ConfigurableEnvironment env) {
        new LegacySinkKeys(destination -> destination.get()).postProcessEnvironment(env, null);
    }
}
