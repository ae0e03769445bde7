package org.scimbridge;

import java.util.Arrays;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ScimBridgeApplication {

    public static void main(String[] args) {
        if (isReconcile(args)) {
            System.exit(SpringApplication.exit(reconcile(args)));
        }
        SpringApplication.run(ScimBridgeApplication.class, args);
    }

    static boolean isReconcile(String[] args) {
        return Arrays.stream(args).anyMatch(a -> a.startsWith("--reconcile"));
    }

    /**
     * {@code --reconcile=<sink> --directory=<id> [--dry-run]}: a one-shot run beside a running bridge, so no web
     * server, no embedded LDAP server (it would take the running bridge's port, or serve an empty tree), no sink
     * pollers and no routes. Returns the context once the command printed its result.
     */
    public static ConfigurableApplicationContext reconcile(String... args) {
        return new SpringApplicationBuilder(ScimBridgeApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(org.springframework.boot.Banner.Mode.OFF)
                .logStartupInfo(false)
                .properties(Map.of(
                        // stdout is the LDIF: only warnings and errors of the application besides it
                        "logging.level.root", "WARN",
                        "scim-bridge.embedded-ldap.enabled", "false",
                        "scim-bridge.stream.pollers", "false",
                        "camel.main.routes-include-pattern", "classpath:no-routes-in-reconcile/*.camel.yaml"))
                .run(args);
    }
}
