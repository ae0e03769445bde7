package org.scimbridge.sink.ldap;

import org.scimbridge.sink.StreamBusyException;
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
 * also writes them, holding the (sink, directory) stream meanwhile ({@link LdapReconciler}). {@code dryRun}
 * defaults to true, so a repair is always asked for explicitly. 409 when another instance holds the stream.
 */
@ConditionalOnAdminToken
@RestController
@RequestMapping("/admin/sinks")
public class ReconcileController {

    private final LdapReconciler reconciler;
    private final LdapSinks sinks;

    private final LdapShadowLog shadow;

    public ReconcileController(LdapReconciler reconciler, LdapSinks sinks, LdapShadowLog shadow) {
        this.shadow = shadow;
        this.reconciler = reconciler;
        this.sinks = sinks;
    }

    @PostMapping(value = "/{sink}/reconcile", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> reconcile(@PathVariable String sink, @RequestParam String directory,
                                            @RequestParam(defaultValue = "true") boolean dryRun) {
        if (!sinks.exists(sink)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body("no LDAP sink named " + sink + "\n");
        }
        if (!dryRun && shadow.shadow(sink)) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(new ShadowModeException(sink).getMessage() + "\n");
        }
        StringBuilder out = new StringBuilder();
        try {
            LdapReconciler.Result result = reconciler.reconcile(sink, directory, dryRun,
                    line -> out.append(line).append('\n'));
            return ResponseEntity.ok(out + result.ldif());
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(e.getMessage() + "\n");
        } catch (StreamBusyException | ShadowModeException e) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(e.getMessage() + "\n");
        }
    }
}
