package org.scimbridge.security;

import org.scimbridge.hawtio.HawtioEnvironment;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether Hawtio is served ({@code scim-bridge.hawtio.enabled}), checked at start. Hawtio and its Jolokia can read
 * and operate every MBean (stop a route, change a setting), so they always need the admin credential, on loopback
 * too; without {@code scim-bridge.admin-token} there is no credential to ask for, and the bridge refuses to start
 * rather than serve them open or silently not at all.
 */
@Component
public class HawtioAccess {

    /** Where Hawtio's console and the Jolokia it reads are served on the management port. */
    static final String[] PATHS = {"/actuator/hawtio", "/actuator/hawtio/**", "/actuator/jolokia",
            "/actuator/jolokia/**"};

    private final boolean enabled;

    public HawtioAccess(@Value("${" + HawtioEnvironment.ENABLED + ":false}") boolean enabled, AdminToken adminToken) {
        if (enabled && !adminToken.enabled()) {
            throw new IllegalStateException(HawtioEnvironment.ENABLED + " needs scim-bridge.admin-token "
                    + "(SCIM_BRIDGE_ADMIN_TOKEN): Hawtio is served only to the admin, who signs in as user 'admin' "
                    + "with that token as the password");
        }
        this.enabled = enabled;
    }

    public boolean enabled() {
        return enabled;
    }
}
