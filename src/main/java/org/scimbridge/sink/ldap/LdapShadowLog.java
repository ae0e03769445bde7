package org.scimbridge.sink.ldap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.scimbridge.sink.SinkChange;
import org.scimbridge.sink.SinkDefinitions;
import org.scimbridge.sink.SinkShadow;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What an LDAP sink in shadow mode would have written: per change, its LDIF change records ({@link LdifRecords}),
 * in the table {@code sink_ldap_shadow} (bounded per sink; {@code scim_bridge_sink_ldap_shadow_dropped_total{sink}}
 * counts the rows dropped) and appended to the sink's LDIF file (rotated by size).
 */
@Component
public class LdapShadowLog {

    /** One recorded change, as the admin endpoint shows it. */
    public record Entry(long seq, String directory, String resourceType, String resource, String operation,
                        String ldif, Instant recordedAt) {
    }

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;
    private final Map<String, ShadowSettings> settings = new LinkedHashMap<>();
    private final Map<String, Counter> dropped = new ConcurrentHashMap<>();
    private final Map<String, Counter> recorded = new ConcurrentHashMap<>();

    public LdapShadowLog(JdbcTemplate jdbc, MeterRegistry meters, SinkDefinitions definitions) {
        this.jdbc = jdbc;
        this.meters = meters;
        for (String sink : definitions.ofType(LdapSinks.TYPE)) {
            ShadowSettings s = definitions.bind(sink, ShadowSettings.class);
            settings.put(sink, s);
            if (!s.shadow()) {
                // shadow is off: the real stream goes on from its own position; a later shadow run starts afresh
                // from it rather than from where an earlier one stopped
                String stream = SinkShadow.shadowStream(sink);
                jdbc.update("DELETE FROM sink_parked_change WHERE sink = ?", stream);
                jdbc.update("DELETE FROM sink_position WHERE sink = ?", stream);
            }
        }
    }

    public boolean shadow(String sink) {
        ShadowSettings s = settings.get(sink);
        return s != null && s.shadow();
    }

    public ShadowSettings settings(String sink) {
        return settings.get(sink);
    }

    /** Records the change's writes (nothing when it needs none). */
    public synchronized void record(SinkChange c, List<LdapWrite> writes) {
        if (writes.isEmpty()) {
            return;
        }
        String ldif = LdifRecords.render(writes);
        Instant now = Instant.now();
        jdbc.update("DELETE FROM sink_ldap_shadow WHERE sink = ? AND directory_id = ? AND seq = ?", c.sink(),
                c.directory(), c.seq());
        jdbc.update("INSERT INTO sink_ldap_shadow (sink, directory_id, seq, resource_type, resource_id, operation,"
                        + " ldif, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", c.sink(), c.directory(), c.seq(),
                c.resourceType(), c.resourceId(), c.operation(), ldif, Timestamp.from(now));
        int max = settings.get(c.sink()).shadowMaxRows();
        int gone = jdbc.update("DELETE FROM sink_ldap_shadow WHERE sink = ? AND id <= (SELECT id FROM sink_ldap_shadow"
                + " WHERE sink = ? ORDER BY id DESC LIMIT 1 OFFSET ?)", c.sink(), c.sink(), max);
        if (gone > 0) {
            counter(dropped, "scim_bridge_sink_ldap_shadow_dropped_total",
                    "shadow records dropped from sink_ldap_shadow (over shadow-max-rows)", c.sink()).increment(gone);
        }
        counter(recorded, "scim_bridge_sink_ldap_shadow_recorded_total",
                "changes an LDAP sink in shadow mode recorded instead of writing", c.sink()).increment();
        append(c, ldif, now);
    }

    private void append(SinkChange c, String ldif, Instant now) {
        ShadowSettings s = settings.get(c.sink());
        Path file = Path.of(s.file(c.sink()));
        String text = "# " + now + " " + c.directory() + "#" + c.seq() + " " + c.resourceType() + " "
                + c.resourceId() + " " + c.operation() + "\n" + ldif;
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (Files.exists(file) && Files.size(file) > s.shadowFileMaxBytes()) {
                Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            boolean fresh = !Files.exists(file);
            Files.writeString(file, (fresh ? "version: 1\n\n" : "") + text, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("shadow file " + file + " not written", e);
        }
    }

    /** Up to {@code limit} records of the sink's directory after {@code after}, in seq order. */
    public List<Entry> after(String sink, String directory, long after, int limit) {
        return jdbc.query("SELECT seq, directory_id, resource_type, resource_id, operation, ldif, recorded_at"
                        + " FROM sink_ldap_shadow WHERE sink = ? AND directory_id = ? AND seq > ? ORDER BY seq LIMIT ?",
                (rs, i) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()),
                sink, directory, after, limit);
    }

    private Counter counter(Map<String, Counter> counters, String name, String description, String sink) {
        return counters.computeIfAbsent(sink, k -> Counter.builder(name).tag("sink", k).description(description)
                .register(meters));
    }
}
