package org.scimbridge.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimbridge.config.LegacySinkKeys;
import org.scimbridge.config.LegacySinkKeysAccess;
import org.scimbridge.testsupport.ExpectedLog;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The sink keys of the release before still work, at their old precedence, and say where they moved. */
class LegacySinkKeysTest {

    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(LegacySinkKeys.class).expect("^scim-bridge: \\S+ is deprecated; ");

    @Test
    void oldKeysAreReadAtTheirNewNamesAndWinOverTheNewNamesBelowThemOnly() {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("application.yaml", Map.of(
                "scim-bridge.sinks.corp.url", "ldap://from-application-yaml",
                "scim-bridge.sinks.corp.base-dn", "dc=corp")));
        env.getPropertySources().addFirst(new MapPropertySource("environment-of-the-release-before", Map.of(
                "scim-bridge.ldap.targets.corp.url", "ldap://old-key",
                "scim-bridge.ldap.targets.corp.people-base", "ou=people,dc=corp",
                "scim-bridge.jdbc-sinks.legacy.url", "jdbc:h2:mem:x",
                "scim-bridge.ldap.redeliveries-before-park", "4",
                "scim-bridge.ldap.transient-redeliveries", "2",
                "scim-bridge.ldap.poll-period-ms", "50",
                "scim-bridge.sinks.lease-ms", "3000")));
        env.getPropertySources().addFirst(new MapPropertySource("command-line", Map.of(
                "scim-bridge.sinks.corp.people-base", "ou=staff,dc=corp",
                "scim-bridge.stream.poll-delay-ms", "7")));
        env.getPropertySources().addLast(new MapPropertySource("defaults", Map.of(
                "scim-bridge.ldap.poll-delay-ms", "9")));

        org.springframework.boot.context.properties.source.ConfigurationPropertySources.attach(env);
        LegacySinkKeysAccess.apply(env);

        assertThat(env.getProperty("scim-bridge.sinks.corp.type")).isEqualTo("ldap");
        assertThat(env.getProperty("scim-bridge.sinks.corp.url")).as("beats application.yaml")
                .isEqualTo("ldap://old-key");
        assertThat(env.getProperty("scim-bridge.sinks.corp.people-base")).as("loses to the command line")
                .isEqualTo("ou=staff,dc=corp");
        assertThat(env.getProperty("scim-bridge.sinks.corp.base-dn")).isEqualTo("dc=corp");
        assertThat(env.getProperty("scim-bridge.sinks.legacy.type")).isEqualTo("jdbc");
        assertThat(env.getProperty("scim-bridge.sinks.legacy.url")).isEqualTo("jdbc:h2:mem:x");
        assertThat(env.getProperty("scim-bridge.stream.refusals-before-park")).as("4 redeliveries = 5 tries")
                .isEqualTo("5");
        assertThat(env.getProperty("scim-bridge.stream.transient-retries")).isEqualTo("2");
        assertThat(env.getProperty("scim-bridge.stream.poll-period-ms")).isEqualTo("50");
        assertThat(env.getProperty("scim-bridge.stream.lease-ms")).isEqualTo("3000");
        assertThat(env.getProperty("scim-bridge.stream.poll-delay-ms")).as("an old key low down stays low down")
                .isEqualTo("7");

        // each old key tells the operator once where it moved, and which source still has it
        assertThat(log.warnings()).containsExactlyInAnyOrder(
                moved("scim-bridge.ldap.targets.corp.*", "scim-bridge.sinks.corp.* with type: ldap", "environment-of-the-release-before", "keys"),
                moved("scim-bridge.jdbc-sinks.legacy.*", "scim-bridge.sinks.legacy.* with type: jdbc", "environment-of-the-release-before", "keys"),
                moved("scim-bridge.ldap.redeliveries-before-park", "scim-bridge.stream.refusals-before-park = 5", "environment-of-the-release-before", "key"),
                moved("scim-bridge.ldap.transient-redeliveries", "scim-bridge.stream.transient-retries", "environment-of-the-release-before", "key"),
                moved("scim-bridge.ldap.poll-period-ms", "scim-bridge.stream.poll-period-ms", "environment-of-the-release-before", "key"),
                moved("scim-bridge.sinks.lease-ms", "scim-bridge.stream.lease-ms", "environment-of-the-release-before", "key"),
                moved("scim-bridge.ldap.poll-delay-ms", "scim-bridge.stream.poll-delay-ms", "defaults", "key"));
    }

    private static String moved(String from, String to, String source, String keys) {
        return "scim-bridge: " + from + " is deprecated; it is read as " + to + " (in " + source + "); move it, the old "
                + keys + (keys.equals("keys") ? " go" : " goes") + " in the next release";
    }
}
