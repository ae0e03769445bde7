package org.scimbridge.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.scimbridge.ScimBridgeApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The bridge started by a test itself, in this JVM, when the test must see the start (its log, or requests made
 * while it starts): on ports chosen up front, an in-memory H2 store of its own, no LDAP.
 */
public final class InProcessBridge {

    public final int port = freePort();
    public final int managementPort = freePort();
    private final List<String> arguments = new ArrayList<>(List.of(
            "--server.port=" + port,
            "--management.server.port=" + managementPort,
            "--spring.datasource.url=jdbc:h2:mem:inprocess-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "--scim-bridge.embedded-ldap.enabled=false",
            "--scim-bridge.directories.demo.sinks="));
    private boolean keepLogging;

    /** Another store instead of the bridge's own (a test that restarts the bridge on the same store). */
    public InProcessBridge database(String url) {
        arguments.removeIf(a -> a.startsWith("--spring.datasource.url="));
        arguments.add("--spring.datasource.url=" + url);
        return this;
    }

    public InProcessBridge with(String argument) {
        arguments.add(argument);
        return this;
    }

    /**
     * Leaves logback as this JVM has it: Spring Boot's logging listener would initialise it again at the start, which
     * takes off the capture of an {@link ExpectedLog} registered before the bridge starts.
     */
    public InProcessBridge keepLogging() {
        keepLogging = true;
        return this;
    }

    /** Runs the bridge; {@code beforeRefresh} may register beans of the test. Returns once it has started. */
    public ConfigurableApplicationContext run(Consumer<ConfigurableApplicationContext> beforeRefresh) {
        SpringApplication application = new SpringApplicationBuilder(ScimBridgeApplication.class)
                .initializers(beforeRefresh::accept).application();
        if (keepLogging) {
            application.setListeners(application.getListeners().stream()
                    .filter(l -> !(l instanceof LoggingApplicationListener)).toList());
        }
        return application.run(arguments.toArray(String[]::new));
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
