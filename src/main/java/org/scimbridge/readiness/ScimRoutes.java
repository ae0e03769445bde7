package org.scimbridge.readiness;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.stereotype.Component;

/**
 * Whether the routes that answer SCIM run: the REST routes and every route on the SCIM error policy. Tomcat opens
 * its port about a second before Camel has started them, and a SCIM request in between would find no route and be
 * answered 404, which Entra reads as "this user does not exist".
 */
@Component
public class ScimRoutes {

    static final String SCIM_ROUTE_CONFIGURATION = "scim-error-policy";

    private final CamelContext camel;
    private volatile boolean started;

    public ScimRoutes(CamelContext camel) {
        this.camel = camel;
    }

    public boolean started() {
        if (started) {
            return camel.isStarted();
        }
        started = camel.isStarted() && allScimRoutesStarted();
        return started;
    }

    private boolean allScimRoutesStarted() {
        long scim = 0;
        for (Route route : camel.getRoutes()) {
            if (route.isCreatedByRestDsl() || SCIM_ROUTE_CONFIGURATION.equals(route.getConfigurationId())) {
                if (camel.getRouteController().getRouteStatus(route.getRouteId()) != ServiceStatus.Started) {
                    return false;
                }
                scim++;
            }
        }
        return scim > 0;
    }
}
