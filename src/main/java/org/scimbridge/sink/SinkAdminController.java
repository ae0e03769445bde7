package org.scimbridge.sink;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scimbridge.security.ConditionalOnAdminToken;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator view of every sink, whatever its type:
 * <ul>
 *   <li>{@code GET /admin/sinks}: the names of the sinks some directory feeds;</li>
 *   <li>{@code GET /admin/sinks/{sink}}: type, position, head, lag and lease per directory, and the parked count;</li>
 *   <li>{@code GET /admin/sinks/{sink}/parked}: the parked changes with their errors and attempts;</li>
 *   <li>{@code POST /admin/sinks/{sink}/parked/{directory}/{seq}/replay}: applies it now ({@link
 *       SinkStreams#replay}); 200 applied, 409 refused again or an earlier parked change of the same resource
 *       comes first, 503 the target is unreachable, 404 no such parked change;</li>
 *   <li>{@code POST /admin/sinks/{sink}/mass-change/{directory}/release} or {@code .../discard}: what the
 *       {@link MassChangeGuard} holds applies, or is parked; 404 when it holds nothing.</li>
 * </ul>
 * Authorization is not decided here ({@code /admin/**} is guarded as a whole).
 */
@ConditionalOnAdminToken
@RestController
@RequestMapping("/admin/sinks")
public class SinkAdminController {

    private final SinkCatalog catalog;
    private final SinkFeedStore feed;
    private final SinkStreams streams;
    private final MassChangeGuard guard;
    private final SinkShadow shadow;

    public SinkAdminController(SinkCatalog catalog, SinkFeedStore feed, SinkStreams streams, MassChangeGuard guard,
                               SinkShadow shadow) {
        this.shadow = shadow;
        this.guard = guard;
        this.catalog = catalog;
        this.feed = feed;
        this.streams = streams;
    }

    /** The sinks some directory feeds, by name (the sinks page starts here). */
    @GetMapping
    public Map<String, Object> sinks() {
        List<String> sinks = catalog.active();
        return Map.of("totalResults", sinks.size(), "sinks", sinks);
    }

    @GetMapping("/{sink}")
    public ResponseEntity<?> status(@PathVariable String sink) {
        if (!catalog.active().contains(sink)) {
            return ResponseEntity.notFound().build();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sink", sink);
        body.put("type", catalog.definition(sink).type());
        body.put("route", catalog.applyRoute(sink));
        // in shadow the positions and parked changes shown are the shadow stream's (GET .../shadow: its records)
        body.put("shadow", shadow.on(sink));
        Map<String, Object> dirs = new LinkedHashMap<>();
        for (String dir : catalog.directoriesOf(sink)) {
            long pos = feed.position(sink, dir);
            long head = feed.head(dir);
            Map<String, Object> d = new LinkedHashMap<>(Map.of("position", pos, "head", head, "lag", head - pos));
            feed.lease(sink, dir).filter(l -> l.owner() != null).ifPresent(l -> {
                d.put("leaseOwner", l.owner());
                d.put("leaseUntil", String.valueOf(l.until()));
            });
            d.put("massChange", guard.status(sink, dir));
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

    /** Lets the deletes and disables the mass-change guard holds apply: 200, or 404 when it holds none. */
    @PostMapping("/{sink}/mass-change/{directory}/release")
    public ResponseEntity<?> release(@PathVariable String sink, @PathVariable String directory) {
        return massChange(sink, directory, guard.release(sink, directory), "released");
    }

    /** Parks the held deletes and disables instead (each replayable); the stream goes on: 200, or 404. */
    @PostMapping("/{sink}/mass-change/{directory}/discard")
    public ResponseEntity<?> discard(@PathVariable String sink, @PathVariable String directory) {
        return massChange(sink, directory, guard.discard(sink, directory), "discarded");
    }

    private ResponseEntity<?> massChange(String sink, String directory, boolean done, String what) {
        if (!done) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", "not-held",
                    "detail", "the mass-change guard holds nothing for sink " + sink + ", directory " + directory));
        }
        return ResponseEntity.ok(Map.of("status", what, "detail", sink + " " + directory));
    }

    @PostMapping("/{sink}/parked/{directory}/{seq}/replay")
    public ResponseEntity<?> replay(@PathVariable String sink, @PathVariable String directory,
                                    @PathVariable long seq) {
        SinkStreams.Replay r = streams.replay(sink, directory, seq);
        HttpStatus status = switch (r.status()) {
            case APPLIED -> HttpStatus.OK;
            case PARKED, BLOCKED -> HttpStatus.CONFLICT;
            case UNREACHABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
        };
        return ResponseEntity.status(status).body(Map.of("status", r.status().name().toLowerCase(),
                "detail", r.detail()));
    }
}
