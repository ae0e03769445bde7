package org.scimbridge.readiness;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * {@code scimRoutes} in the readiness group: DOWN until the SCIM routes run, so a load balancer or Kubernetes sends
 * no traffic before the bridge can answer it. The readiness group is configured in application.yaml.
 */
@Component
public class ScimRoutesHealthIndicator extends AbstractHealthIndicator {

    private final ScimRoutes routes;

    public ScimRoutesHealthIndicator(ScimRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (routes.started()) {
            builder.up();
        } else {
            builder.down().withDetail("reason", "the SCIM routes are not running yet");
        }
    }
}
