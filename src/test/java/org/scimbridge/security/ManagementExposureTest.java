package org.scimbridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Where actuator may listen, decided at start: never the SCIM port; beyond loopback only with the admin token. */
class ManagementExposureTest {

    @Test
    void actuatorOnTheScimPortRefusesToStart() {
        MockEnvironment env = new MockEnvironment().withProperty("server.port", "8080")
                .withProperty("management.server.port", "8080");
        assertThatThrownBy(() -> new ManagementExposure(env, new AdminToken("")))
                .hasMessageContaining("must differ from server.port");
        assertThatThrownBy(() -> new ManagementExposure(new MockEnvironment(), new AdminToken("")))
                .as("no management.server.port: actuator would be on the SCIM port")
                .hasMessageContaining("must differ from server.port");
    }

    @Test
    void beyondLoopbackWithoutTheAdminTokenRefusesToStart() {
        MockEnvironment env = new MockEnvironment().withProperty("server.port", "8080")
                .withProperty("management.server.port", "9090").withProperty("management.server.address", "0.0.0.0");
        assertThatThrownBy(() -> new ManagementExposure(env, new AdminToken(" ")))
                .hasMessageContaining("beyond loopback");
        assertThat(new ManagementExposure(env, new AdminToken("secret")).loopback()).isFalse();
        MockEnvironment allInterfaces = new MockEnvironment().withProperty("management.server.port", "9090");
        assertThatThrownBy(() -> new ManagementExposure(allInterfaces, new AdminToken("")))
                .hasMessageContaining("(all interfaces)");
    }

    @Test
    void loopbackNeedsNoCredentialAndNoActuatorOverHttpIsAllowed() {
        assertThat(new ManagementExposure(new MockEnvironment().withProperty("management.server.port", "9090")
                .withProperty("management.server.address", "127.0.0.1"), new AdminToken("")).loopback()).isTrue();
        assertThat(new ManagementExposure(new MockEnvironment().withProperty("management.server.port", "-1"),
                new AdminToken("")).loopback()).isFalse();
    }
}
