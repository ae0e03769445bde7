package org.scimbridge.security;

import java.net.InetAddress;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where actuator is served, checked at start. It is never on the SCIM port: {@code management.server.port} must be
 * a port of its own (or negative: no actuator over HTTP). Bound to loopback (the default) it needs no credential,
 * as only the host itself reaches it; bound to any other address every endpoint but health needs the admin token,
 * so a wider address without {@code scim-bridge.admin-token} refuses to start.
 */
@Component
public class ManagementExposure {

    private final boolean loopback;

    public ManagementExposure(Environment environment, AdminToken adminToken) {
        ManagementPortType type = ManagementPortType.get(environment);
        if (type == ManagementPortType.SAME) {
            throw new IllegalStateException("management.server.port must differ from server.port: actuator is "
                    + "never served on the port Entra calls (set MANAGEMENT_PORT, or -1 to turn it off)");
        }
        InetAddress address = Binder.get(environment).bind("management.server.address", InetAddress.class)
                .orElse(null);
        this.loopback = address != null && address.isLoopbackAddress();
        if (type == ManagementPortType.DIFFERENT && !loopback && !adminToken.enabled()) {
            throw new IllegalStateException("management.server.address "
                    + (address == null ? "(all interfaces)" : address.getHostAddress()) + " is beyond loopback: "
                    + "set scim-bridge.admin-token (SCIM_BRIDGE_ADMIN_TOKEN), which its endpoints then require");
        }
    }

    /** True when the management server only listens on loopback, so it needs no credential. */
    public boolean loopback() {
        return loopback;
    }
}
