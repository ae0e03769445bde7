package org.scimbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.scimbridge.ScimBridgeApplication;
import org.scimbridge.testsupport.ExpectedLog;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/**
 * A sink setting that cannot work stops the start with one line that names the key: an unknown sink named by a
 * directory (a typo used to be ignored), an unknown type, a missing key, a bad DN, a route that does not exist.
 */
class SinkConfigurationTest {

    // the failed start's two lines are this test's doing: the context cancelling its refresh, and the report
    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(AnnotationConfigApplicationContext.class.getName(),
                    "org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter")
            .expect("^Exception encountered during context initialization - cancelling refresh attempt: ")
            .expect("APPLICATION FAILED TO START");

    static Stream<Arguments> mistakes() {
        String corp = "--scim-bridge.sinks.corp.";
        return Stream.of(
                Arguments.of(new String[] {"--scim-bridge.directories.demo.sinks=ldap-defualt"},
                        "scim-bridge.directories.demo.sinks names 'ldap-defualt', which is not a sink under"
                                + " scim-bridge.sinks (configured: ldap-default)"),
                Arguments.of(new String[] {corp + "type=ldpa"},
                        "scim-bridge.sinks.corp.type 'ldpa' is not a sink type (one of jdbc, ldap, route)"),
                Arguments.of(new String[] {corp + "type=ldap", corp + "url=ldap://localhost:1",
                        corp + "people-base=ou=people,dc=corp", corp + "groups-base=ou=groups,dc=corp"},
                        "scim-bridge.sinks.corp.base-dn must not be blank"),
                Arguments.of(new String[] {corp + "type=ldap", corp + "url=ldap://localhost:1",
                        corp + "base-dn=dc=corp", corp + "people-base=ou=people,,dc=corp",
                        corp + "groups-base=ou=groups,dc=corp"},
                        "scim-bridge.sinks.corp.people-base: 'ou=people,,dc=corp' is not a DN (RFC 4514)"),
                Arguments.of(new String[] {corp + "type=ldap", corp + "url=ldap://localhost:1",
                        corp + "base-dn=dc=corp", corp + "people-base=ou=people,dc=elsewhere",
                        corp + "groups-base=ou=groups,dc=corp"},
                        "scim-bridge.sinks.corp.people-base: 'ou=people,dc=elsewhere' is not under base-dn 'dc=corp'"),
                Arguments.of(new String[] {corp + "type=ldap", corp + "url=ldap://localhost:1",
                        corp + "base-dn=dc=corp", corp + "people-base=ou=people,dc=corp",
                        corp + "groups-base=ou=groups,dc=corp", corp + "initial-password.mode=clear"},
                        "scim-bridge.sinks.corp.initial-password.mode: clear sends each new user's password as it"
                                + " is, so it needs an ldaps:// url (this sink has ldap://localhost:1)"),
                Arguments.of(new String[] {corp + "type=route", "--scim-bridge.directories.demo.sinks=corp",
                        "--scim-bridge.stream.pollers=true"},
                        "sink corp applies its changes with route 'sink-corp', but no route has that id"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void aSinkSettingThatCannotWorkStopsTheStartWithOneLine(String[] args, String message) {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("spring.datasource.url", "jdbc:h2:mem:conf-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        defaults.put("scim-bridge.embedded-ldap.enabled", "false");
        defaults.put("scim-bridge.stream.pollers", "false");
        SpringApplication application = new SpringApplicationBuilder(ScimBridgeApplication.class)
                .web(WebApplicationType.NONE).properties(defaults).application();
        // the listener would initialise logback again for this application, which takes the capture off
        application.setListeners(application.getListeners().stream()
                .filter(l -> !(l instanceof LoggingApplicationListener)).toList());
        Throwable failure = catchThrowable(() -> application.run(args).close());

        assertThat(failure).as("the start failed").isNotNull();
        Throwable cause = failure;
        while (cause != null && !(cause instanceof SinkConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("because of the sink setting: %s", NestedExceptionUtils.getMostSpecificCause(failure))
                .isInstanceOf(SinkConfigurationException.class);
        assertThat(cause.getMessage()).startsWith(message);
        assertThat(log.warnings()).filteredOn(w -> w.contains("APPLICATION FAILED TO START")).singleElement()
                .asString().contains("Sink configuration: " + message).doesNotContain("\tat ");
    }
}
