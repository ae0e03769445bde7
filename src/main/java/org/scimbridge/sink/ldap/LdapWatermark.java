package org.scimbridge.sink.ldap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scimbridge.sink.SinkFeedStore;
import org.scimbridge.sink.SinkLeases;
import org.scimbridge.sink.StreamCheck;
import org.scimbridge.sink.SinkType;
import org.scimbridge.sink.StreamProperties;
import org.scimbridge.store.StoreIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ldap.NameAlreadyBoundException;
import org.springframework.ldap.NameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * What a target says it applied, kept in the target itself: for each directory that feeds it, one entry
 * {@code ou=<directory>,ou=<sink>,ou=scim-bridge-state,<base-dn>} (the sink's name too: two sinks may
 * share one server and base) whose {@code description} holds the feed position the
 * sink applied up to and the id of the store of record ({@code position=57 store=<uuid>}). The sink route writes
 * it after the writes of each change ({@link #append}, the last write of the change's batch); the stream checks it
 * when it starts, before its first change, and every {@code scim-bridge.stream.watermark-check-ms}
 * ({@link #ready}). A target that is behind its own position (its entry is gone, holds an older position, or
 * another store's id: it was wiped, restored from a backup, replaced, or the embedded in-memory server started
 * empty) is reconciled with {@link LdapReconciler} while this instance holds the stream, with one line saying why.
 *
 * <p>Why {@code organizationalUnit} entries, one per directory: the class ships with every server's core schema,
 * a plain {@code replace} of one entry's value needs no read first and never touches another directory's, and an
 * {@code ou} RDN is never what a user or group look-up searches for ({@code uid}/{@code cn}).
 *
 * <p>The gap between the target's position and the stream's may hold parked changes (the position moves past a
 * change it parks; the target never saw it): those are the store's to replay, not a sign of a wiped target.
 */
@Component
public class LdapWatermark implements StreamCheck {

    private static final Logger LOG = LoggerFactory.getLogger(LdapWatermark.class);
    static final String STATE_OU = "scim-bridge-state";
    private static final Pattern VALUE = Pattern.compile("position=(\\d+) store=(\\S+)");

    private final LdapSinks sinks;
    private final LdapWriter writer;
    private final LdapReconciler reconciler;
    private final SinkFeedStore feed;
    private final SinkLeases leases;
    private final StoreIdentity store;
    private final StreamProperties props;
    private final LdapShadowLog shadow;
    private final long checkNanos;
    /** (sink, directory) to the nanoTime of its next check; absent until the stream's first check passed. */
    private final Map<String, Long> nextCheck = new ConcurrentHashMap<>();
    /** (sink, directory) whose last check could not be made: how often in a row, and when to try again. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, Long> retryAt = new ConcurrentHashMap<>();
    /** (sink, directory) whose repair failed: the next check repairs it again whatever the target says. */
    private final Map<String, String> repairFailed = new ConcurrentHashMap<>();

    public LdapWatermark(LdapSinks sinks, LdapWriter writer, LdapReconciler reconciler, SinkFeedStore feed,
                         SinkLeases leases, StoreIdentity store, StreamProperties props, LdapShadowLog shadow) {
        this.shadow = shadow;
        this.sinks = sinks;
        this.writer = writer;
        this.reconciler = reconciler;
        this.feed = feed;
        this.leases = leases;
        this.store = store;
        this.props = props;
        this.checkNanos = TimeUnit.MILLISECONDS.toNanos(props.watermarkCheckMs());
    }

    /** The entry that holds the directory's position in this target. */
    public static String dn(LdapTarget target, String sink, String directory) {
        return LdapDns.child(sinkBase(target, sink), "ou", directory);
    }

    private static String sinkBase(LdapTarget target, String sink) {
        return LdapDns.child(stateBase(target), "ou", sink);
    }

    static String stateBase(LdapTarget target) {
        return LdapDns.child(target.baseDn(), "ou", STATE_OU);
    }

    // ------------------------------------------------------------------------------------------- the sink step

    /**
     * The change's writes with the position written after them. A replay (a parked change applied now, behind the
     * position) records the stream's position, which it does not move; before the stream's first check (its
     * entry may not be there yet) a replay records nothing.
     */
    public LdapSinkSteps.Planned append(LdapSinkSteps.Planned planned) {
        var c = planned.change();
        if (shadow.shadow(c.sink())) {
            return planned; // in shadow nothing is written, not even the position entry
        }
        long position;
        if (!c.replay()) {
            position = c.seq();
        } else if (nextCheck.containsKey(key(c.sink(), c.directory()))) {
            position = feed.position(c.sink(), c.directory());
        } else {
            return planned;
        }
        List<LdapWrite> after = new ArrayList<>(planned.after());
        after.add(replace(sinks.target(c.sink()), c.sink(), c.directory(), position));
        return planned.withAfter(after);
    }

    // ------------------------------------------------------------------------------------------------ the check

    /**
     * Checks when due. A check that cannot be made (the target is down, the bind DN may not write the position
     * entry, ...) holds the stream's changes back, since a change applied now would record the new position and
     * hide a target restored meanwhile; it is tried again with the stream's back-off, and reported as the stream
     * reports a failed poll while changes wait (an idle stream whose target is down stays quiet, as before).
     */
    @Override
    public boolean ready(String sink, String directory) {
        if (!sinks.exists(sink) || shadow.shadow(sink)) {
            return true; // a sink in shadow keeps no position entry: nothing to check (a reconcile would write)
        }
        String key = key(sink, directory);
        long now = System.nanoTime();
        Long due = nextCheck.get(key);
        if (due != null && now - due < 0) {
            return true;
        }
        Long retry = retryAt.get(key);
        if (retry != null && now - retry < 0) {
            return false;
        }
        try {
            check(sink, directory);
        } catch (RuntimeException e) {
            int n = failures.merge(key, 1, Integer::sum);
            retryAt.put(key, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(props.backoffMs(n)));
            LOG.debug("target {} directory {}: position check failed", sink, directory, e);
            if (feed.position(sink, directory) < feed.head(directory)) {
                throw e; // reported as a failed poll, as a change that failed the same way would be
            }
            return false;
        }
        failures.remove(key);
        retryAt.remove(key);
        nextCheck.put(key, System.nanoTime() + checkNanos);
        return true;
    }

    private void check(String sink, String directory) {
        LdapTarget t = sinks.target(sink);
        Optional<String> held = read(sink, dn(t, sink, directory));
        long position = feed.position(sink, directory);
        String storeId = store.id();
        String key = key(sink, directory);
        String why = repairFailed.containsKey(key)
                ? "target " + sink + " directory " + directory + ": its last repair failed ("
                        + repairFailed.get(key) + ")"
                : behind(sink, directory, held, position, storeId);
        if (why == null) {
            if (held.isEmpty()) { // a target this stream has not written to yet
                write(sink, directory, record(sink, t, directory, 0, false));
            }
            return;
        }
        LOG.warn("{}; reconciling", why);
        try {
            reconciler.reconcile(sink, directory, false, line -> { });
            repairFailed.remove(key);
        } catch (RuntimeException e) {
            // the stream goes on (the store's changes keep flowing); the next check repairs again
            String failure = LdapFailures.describe(e);
            repairFailed.put(key, failure);
            LOG.warn("target {} directory {}: reconcile failed ({}); trying again in {} s", sink, directory,
                    failure, TimeUnit.NANOSECONDS.toSeconds(checkNanos));
            return;
        }
        write(sink, directory, record(sink, t, directory, feed.position(sink, directory), held.isPresent()));
    }

    /** Why the target needs a reconcile, as the line to log; null when it holds what the stream applied. */
    private String behind(String sink, String directory, Optional<String> held, long position, String storeId) {
        String target = "target " + sink;
        if (held.isEmpty()) {
            return position == 0 ? null : target + " holds no position for directory " + directory + ", the feed is at "
                    + position + ": the target was wiped or replaced (or the embedded LDAP server started empty)";
        }
        Matcher m = VALUE.matcher(held.get());
        if (!m.matches()) {
            return target + " holds an unreadable position '" + held.get() + "' for directory " + directory
                    + ", the feed is at " + position;
        }
        long holds = Long.parseLong(m.group(1));
        if (!storeId.equals(m.group(2))) {
            return target + " holds position " + holds + " of store " + m.group(2) + " for directory " + directory
                    + ", this is store " + storeId + " at " + position
                    + ": the target was fed by another store, or the store was rebuilt";
        }
        if (holds < position && position - holds > feed.parkedBetween(sink, directory, holds, position)) {
            return target + " holds position " + holds + " for directory " + directory + ", the feed is at "
                    + position + ": the target was restored or wiped";
        }
        if (holds > position + 1) {
            LOG.info("{} holds position {} for directory {}, ahead of the feed at {} (the store was restored from an"
                    + " older backup?): the changes after {} are applied again", target, holds, directory, position,
                    position);
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------- LDAP I/O

    private Optional<String> read(String sink, String dn) {
        try {
            List<String> values = sinks.template(sink).lookup(LdapDns.parse(dn), new String[] {"description"},
                    (org.springframework.ldap.core.AttributesMapper<List<String>>) attrs ->
                            LdapEntrySnapshot.of(dn, attrs).values("description"));
            return values.stream().findFirst();
        } catch (NameNotFoundException absent) {
            return Optional.empty();
        }
    }

    /**
     * The writes that make the directory's entry hold {@code position}: a replace, or an add (after its parents,
     * which the streams of other sinks on the same server may be adding at the same moment).
     */
    private List<LdapWrite> record(String sink, LdapTarget t, String directory, long position, boolean exists) {
        if (exists) {
            return List.of(replace(t, sink, directory, position));
        }
        if (!exists(sink, sinkBase(t, sink))) {
            if (!exists(sink, stateBase(t))) {
                addParent(sink, directory, ou(stateBase(t), STATE_OU, "scim-bridge: the feed position each (sink,"
                        + " directory) stream applied to this target, one entry each (written by the bridge: do not"
                        + " edit)"));
            }
            addParent(sink, directory, ou(sinkBase(t, sink), sink, "scim-bridge sink " + sink));
        }
        return List.of(ou(dn(t, sink, directory), directory, value(position)));
    }

    private void addParent(String sink, String directory, LdapWrite add) {
        try {
            write(sink, directory, List.of(add));
        } catch (NameAlreadyBoundException raced) {
            // another stream added it first
        }
    }

    private static LdapWrite ou(String dn, String ou, String description) {
        return new LdapWrite.Bind(dn, Map.of("objectClass", List.of("top", "organizationalUnit"), "ou", List.of(ou),
                "description", List.of(description)));
    }

    private boolean exists(String sink, String dn) {
        try {
            sinks.template(sink).lookup(LdapDns.parse(dn));
            return true;
        } catch (NameNotFoundException absent) {
            return false;
        }
    }

    private LdapWrite replace(LdapTarget t, String sink, String directory, long position) {
        return new LdapWrite.Modify(dn(t, sink, directory),
                List.of(new LdapWrite.Mod(LdapWrite.Op.REPLACE, "description", List.of(value(position)))));
    }

    private String value(long position) {
        return "position=" + position + " store=" + store.id();
    }

    private void write(String sink, String directory, List<LdapWrite> writes) {
        writer.write(sink, writes, () -> leases.check(sink, directory));
    }

    private static String key(String sink, String directory) {
        return sink + "\u0000" + directory;
    }
}
