package org.scimbridge.sink.ldap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.scimbridge.sink.FeedChange;
import org.scimbridge.sink.ParkedChange;
import org.scimbridge.security.ConditionalOnAdminToken;
import org.scimbridge.sink.SinkFeedStore;
import org.scimbridge.sink.jdbc.JdbcSinkSteps;
import org.scimbridge.sink.jdbc.JdbcSinks;
import org.scimbridge.sink.jdbc.JdbcWork;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator view of the sinks: positions and parked changes, and replay of a parked change.
 *
 * <ul>
 *   <li>{@code GET /admin/sinks/{sink}}: position, head and lag per directory, and the parked count;</li>
 *   <li>{@code GET /admin/sinks/{sink}/parked}: the parked changes with their errors and attempts;</li>
 *   <li>{@code POST /admin/sinks/{sink}/parked/{directory}/{seq}/replay}: applies it now through
 *       {@code direct:sink-ldap-apply}; 200 when applied (the row goes), 409 when it failed again (the row keeps the
 *       new error) or an earlier parked change of the same resource must be replayed first.</li>
 * </ul>
 * Exists only with an admin token; the security chain requires it ({@code SecurityConfiguration}).
 */
@ConditionalOnAdminToken
@RestController
@RequestMapping("/admin/sinks")
public class SinkAdminController {

    private final SinkFeedStore feed;
    private final LdapTargets targets;
    private final LdapSinkSteps steps;
    private final ProducerTemplate producer;
    private final JdbcSinks jdbcSinks;
    private final JdbcSinkSteps jdbcSteps;

    public SinkAdminController(SinkFeedStore feed, LdapTargets targets, LdapSinkSteps steps,
                               ProducerTemplate producer, JdbcSinks jdbcSinks, JdbcSinkSteps jdbcSteps) {
        this.feed = feed;
        this.targets = targets;
        this.steps = steps;
        this.producer = producer;
        this.jdbcSinks = jdbcSinks;
        this.jdbcSteps = jdbcSteps;
    }

    @GetMapping("/{sink}")
    public ResponseEntity<?> status(@PathVariable String sink) {
        boolean ldap = targets.activeTargets().contains(sink);
        if (!ldap && !jdbcSinks.activeSinks().contains(sink)) {
            return ResponseEntity.notFound().build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sink", sink);
        body.put("type", ldap ? "ldap" : "jdbc");
        Map<String, Object> dirs = new LinkedHashMap<>();
        for (String dir : ldap ? targets.directoriesOf(sink) : jdbcSinks.directoriesOf(sink)) {
            long pos = feed.position(sink, dir);
            long head = feed.head(dir);
            Map<String, Object> d = new LinkedHashMap<>(Map.of("position", pos, "head", head, "lag", head - pos));
            feed.lease(sink, dir).filter(l -> l.owner() != null).ifPresent(l -> {
                d.put("leaseOwner", l.owner());
                d.put("leaseUntil", String.valueOf(l.until()));
            });
            dirs.put(dir, d);
        }
        body.put("directories", dirs);
        body.put("parked", feed.parkedCount(sink));
        return ResponseEntity.ok(body);
    }

    @GetMapping("/{sink}/parked")
    public ResponseEntity<?> parked(@PathVariable String sink) {
        List<ParkedChange> parked = feed.parked(sink);
        return ResponseEntity.ok(Map.of("sink", sink, "totalResults", parked.size(), "parked", parked));
    }

    @PostMapping("/{sink}/parked/{directory}/{seq}/replay")
    public ResponseEntity<?> replay(@PathVariable String sink, @PathVariable String directory,
                                    @PathVariable long seq) {
        if (!feed.isParked(sink, directory, seq)) {
            return ResponseEntity.notFound().build();
        }
        Optional<FeedChange> change = feed.change(directory, seq);
        if (change.isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        Optional<Long> earlier = feed.parkedBefore(sink, directory, change.get().resourceId(), seq);
        if (earlier.isPresent()) {
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("status", "blocked",
                    "detail", "replay " + directory + "#" + earlier.get() + " of the same resource first"));
        }
        if (jdbcSinks.exists(sink)) {
            JdbcWork jw = jdbcSteps.work(sink, change.get(), true);
            Exchange done = producer.send("direct:" + JdbcSinks.applyRouteId(sink), ex -> ex.getMessage().setBody(jw));
            if (done.getException() != null) {
                return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "failed",
                        "detail", String.valueOf(done.getException().getMessage())));
            }
            if (feed.isParked(sink, directory, seq)) {
                return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("status", "parked"));
            }
            return ResponseEntity.ok(Map.of("status", "applied", "change", change.get().toString()));
        }
        LdapWork work = steps.work(sink, change.get(), true);
        Exchange done = producer.send("direct:sink-ldap-apply", ex -> ex.getMessage().setBody(work));
        if (done.getException() != null) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("status", "failed",
                    "detail", String.valueOf(done.getException().getMessage())));
        }
        if (feed.isParked(sink, directory, seq)) {
            String error = feed.parked(sink).stream().filter(p -> p.directoryId().equals(directory) && p.seq() == seq)
                    .map(ParkedChange::error).findFirst().orElse("");
            return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("status", "parked", "detail", error));
        }
        return ResponseEntity.ok(Map.of("status", "applied", "change", change.get().toString(),
                "writes", work.getWrites().stream().map(LdapWrite::ldif).toList()));
    }

}
