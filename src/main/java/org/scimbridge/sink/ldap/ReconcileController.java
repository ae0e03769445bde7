package org.scimbridge.sink.ldap;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.scimbridge.security.ConditionalOnAdminToken;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /admin/sinks/{sink}/reconcile?directory=<id>&dryRun=true|false}: compares the store of record with
 * the LDAP target and answers the changes as LDIF-like text ({@code text/plain}); with {@code dryRun=false} it
 * also writes them. {@code dryRun} defaults to true, so a repair is always asked for explicitly. While it writes,
 * this instance's poller of the target is paused, so the sink's own writes do not interleave with the repair.
 * Same bearer token as the other admin endpoints ({@code scim-bridge.admin-token}).
 */
@ConditionalOnAdminToken
@RestController
@RequestMapping("/admin/sinks")
public class ReconcileController {

    private final LdapReconciler reconciler;
    private final LdapSinkProperties props;
    private final CamelContext camel;

    public ReconcileController(LdapReconciler reconciler, LdapSinkProperties props, CamelContext camel) {
        this.reconciler = reconciler;
        this.props = props;
        this.camel = camel;
    }

    @PostMapping(value = "/{sink}/reconcile", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> reconcile(@PathVariable String sink, @RequestParam String directory,
                                            @RequestParam(defaultValue = "true") boolean dryRun)
            throws Exception {
        if (!props.targets().containsKey(sink)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body("no LDAP target named " + sink + "\n");
        }
        StringBuilder out = new StringBuilder();
        String pollRoute = LdapTargets.pollRouteId(sink);
        Route route = camel.getRoute(pollRoute);
        boolean pause = !dryRun && route != null
                && camel.getRouteController().getRouteStatus(pollRoute) == ServiceStatus.Started;
        if (pause) {
            camel.getRouteController().stopRoute(pollRoute);
        }
        try {
            LdapReconciler.Result result = reconciler.reconcile(sink, directory, dryRun,
                    line -> out.append(line).append('\n'));
            return ResponseEntity.ok(out + result.ldif());
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(e.getMessage() + "\n");
        } finally {
            if (pause) {
                camel.getRouteController().startRoute(pollRoute);
            }
        }
    }
}
