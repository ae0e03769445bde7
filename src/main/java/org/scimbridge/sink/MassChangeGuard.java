package org.scimbridge.sink;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The mass-change guard of every (sink, directory) stream: before a poll applies anything, it counts the deletes
 * and disables among the next {@code window} queued changes; more than the sink's limit ({@link MassChangeSettings})
 * and the stream holds at its position, shows the hold in {@code GET /admin/sinks/{sink}} and in the gauge
 * {@code scim_bridge_sink_mass_change_held{sink,directory}} (the number held), and waits for an operator to
 * {@link #release} them (they apply) or {@link #discard} them (they are parked, each replayable on its own).
 *
 * <p>Each queued change is read once: the guard keeps the seqs of the deletes and disables it has seen ahead of
 * the position and only reads the feed beyond what it read before, so a long feed costs linear time, not a scan
 * of the whole window per poll. A disable is a User change other than a create whose resource has
 * {@code "active":false}. Held state is kept in memory: after a restart the guard counts again and holds again
 * until released (the safe side).
 */
@Component
public class MassChangeGuard {

    private static final Logger LOG = LoggerFactory.getLogger(MassChangeGuard.class);

    /** What the guard holds for one stream, as the admin endpoint shows it. */
    public record Hold(long deletesAndDisables, long limit, long entries, long fromSeq, long toSeq, Instant since) {
    }

    private final JdbcTemplate jdbc;
    private final SinkDefinitions definitions;
    private final MeterRegistry meters;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public MassChangeGuard(JdbcTemplate jdbc, SinkDefinitions definitions, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.definitions = definitions;
        this.meters = meters;
    }

    private final class Window {
        final String sink;
        final String directory;
        final MassChangeSettings settings;
        /** Seqs of deletes and disables after the position, up to {@link #scannedTo}, not released. */
        final Deque<Long> guarded = new ArrayDeque<>();
        final Set<Long> discarded = ConcurrentHashMap.newKeySet();
        long scannedTo;
        long releasedThrough;
        volatile Hold hold;

        Window(String sink, String directory, MassChangeSettings settings) {
            this.sink = sink;
            this.directory = directory;
            this.settings = settings;
            Gauge.builder("scim_bridge_sink_mass_change_held", this, w -> w.hold == null ? 0 : w.hold.deletesAndDisables())
                    .description("deletes and disables the mass-change guard holds until an operator releases or"
                            + " discards them").tag("sink", sink).tag("directory", directory).register(meters);
        }
    }

    private Window window(String sink, String directory) {
        return windows.computeIfAbsent(sink + "\u0000" + directory, k -> new Window(sink, directory,
                settings(sink)));
    }

    /** The sink's {@code mass-change.*} keys. */
    public record Keys(MassChangeSettings massChange) {
    }

    private MassChangeSettings settings(String sink) {
        MassChangeSettings s = definitions.bind(sink, Keys.class).massChange();
        return s == null ? new MassChangeSettings(null, null, null, null) : s;
    }

    private boolean enabled(String sink, MassChangeSettings s) {
        return s.enabled() == null ? "ldap".equals(definitions.get(sink).type()) : s.enabled();
    }

    /**
     * Whether the stream must wait at {@code position}: true while the queued deletes and disables exceed the limit
     * and nobody released them.
     */
    public synchronized boolean holds(String sink, String directory, long position) {
        Window w = window(sink, directory);
        if (!enabled(sink, w.settings)) {
            return false;
        }
        while (!w.guarded.isEmpty() && w.guarded.peekFirst() <= position) {
            w.guarded.pollFirst();
        }
        if (!w.discarded.isEmpty()) {
            w.discarded.removeIf(seq -> seq <= position);
        }
        long from = Math.max(Math.max(w.scannedTo, position), w.releasedThrough);
        long to = position + w.settings.window();
        if (to > from) {
            Long head = jdbc.queryForObject("SELECT COALESCE(MAX(seq), 0) FROM scim_change WHERE directory_id = ?",
                    Long.class, directory);
            to = Math.min(to, head == null ? 0 : head);
            if (to > from) {
                List<Long> seqs = jdbc.queryForList("SELECT seq FROM scim_change WHERE directory_id = ? AND seq > ?"
                                + " AND seq <= ? AND (operation = 'DELETE' OR (resource_type = 'User'"
                                + " AND operation <> 'CREATE' AND payload LIKE ?)) ORDER BY seq",
                        Long.class, directory, from, to, "%\"active\":false%");
                w.guarded.addAll(seqs);
                w.scannedTo = to;
            }
        }
        long count = w.guarded.size();
        if (count <= w.settings.maxCount()) {
            w.hold = null; // below the count no share can be lower: no need to count the entries
            return false;
        }
        long entries = entries(sink, directory);
        long limit = w.settings.limit(entries);
        if (count <= limit) {
            w.hold = null;
            return false;
        }
        if (w.hold == null) {
            LOG.warn("sink {} directory {}: {} deletes and disables queued (changes {}..{}), more than the limit {}"
                            + " ({} entries); the stream holds them until an operator releases or discards them"
                            + " (POST /admin/sinks/{}/mass-change/{}/release or /discard)", sink, directory, count,
                    w.guarded.peekFirst(), w.guarded.peekLast(), limit, entries, sink, directory);
        }
        w.hold = new Hold(count, limit, entries, w.guarded.peekFirst(), w.guarded.peekLast(),
                w.hold == null ? Instant.now() : w.hold.since());
        return true;
    }

    /** The hold of a stream, if the guard holds it now. */
    public Optional<Hold> hold(String sink, String directory) {
        Window w = windows.get(sink + "\u0000" + directory);
        return w == null ? Optional.empty() : Optional.ofNullable(w.hold);
    }

    /** Lets the held deletes and disables apply; later ones are counted anew. False when nothing was held. */
    public synchronized boolean release(String sink, String directory) {
        Window w = windows.get(sink + "\u0000" + directory);
        if (w == null || w.hold == null) {
            return false;
        }
        LOG.warn("sink {} directory {}: an operator released {} deletes and disables (changes {}..{})", sink,
                directory, w.hold.deletesAndDisables(), w.hold.fromSeq(), w.hold.toSeq());
        w.releasedThrough = w.scannedTo;
        w.guarded.clear();
        w.hold = null;
        return true;
    }

    /**
     * Parks the held deletes and disables instead of applying them (the stream goes on with the rest; each can be
     * replayed on the parked list). False when nothing was held.
     */
    public synchronized boolean discard(String sink, String directory) {
        Window w = windows.get(sink + "\u0000" + directory);
        if (w == null || w.hold == null) {
            return false;
        }
        LOG.warn("sink {} directory {}: an operator discarded {} deletes and disables (changes {}..{}); they are"
                + " parked", sink, directory, w.hold.deletesAndDisables(), w.hold.fromSeq(), w.hold.toSeq());
        w.discarded.addAll(w.guarded);
        w.releasedThrough = w.scannedTo;
        w.guarded.clear();
        w.hold = null;
        return true;
    }

    /** Whether an operator discarded this change: the stream parks it instead of sending it. */
    public boolean discarded(String sink, String directory, long seq) {
        Window w = windows.get(sink + "\u0000" + directory);
        return w != null && w.discarded.contains(seq);
    }

    /** For the admin status: the settings and hold of each directory of a sink. */
    public Map<String, Object> status(String sink, String directory) {
        Window w = window(sink, directory);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("enabled", enabled(sink, w.settings));
        s.put("maxCount", w.settings.maxCount());
        s.put("maxPercent", w.settings.maxPercent());
        s.put("window", w.settings.window());
        s.put("held", w.hold != null);
        if (w.hold != null) {
            s.put("hold", w.hold);
        }
        return s;
    }

    private long entries(String sink, String directory) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM sink_ldap_entry WHERE sink = ? AND directory_id = ?",
                Long.class, sink, directory);
        return n == null ? 0 : n;
    }
}
