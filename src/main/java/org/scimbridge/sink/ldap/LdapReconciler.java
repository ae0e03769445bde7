package org.scimbridge.sink.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.sink.SinkStreams;
import org.scimbridge.sink.ldap.LdapTarget.DisableStrategy;
import org.scimbridge.sink.ldap.LdapTarget.GroupStyle;
import org.scimbridge.sink.ldap.LdapWrite.Mod;
import org.scimbridge.store.ResourceExport;
import org.scimbridge.store.ResourceRenderer;
import org.scimbridge.store.StoredResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Compares the store of record of one directory (read through {@link ResourceExport}) with what one LDAP target
 * holds under its people, disabled and groups bases, and repairs the drift: entries missing, extra (under a base,
 * not mapped by another directory) or with differing mapped attributes, and group members missing or extra. The
 * wanted state is {@link LdapDesiredState}, the same function the sink diffs each change against, and every
 * write goes through {@link LdapWriter}, as the sink's do.
 *
 * <p>A repair ({@code dryRun=false}) runs while it holds the (sink, directory) stream
 * ({@link SinkStreams#exclusively}): this instance's stream waits, and any other instance is kept out by the
 * lease, so nothing writes the same target while it repairs. Reads are paged (RFC 2696) and report progress.
 * Only mapped attributes are compared: attributes the sink does not manage are left as they are.
 */
@Service
public class LdapReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(LdapReconciler.class);

    /** What a run found (and, unless a dry run, wrote). */
    public record Result(String sink, String directory, boolean dryRun, long entriesRead, List<LdapWrite> changes) {
        public long count(Class<? extends LdapWrite> kind) {
            return changes.stream().filter(kind::isInstance).count();
        }

        /** The changes as LDIF change records, separated by blank lines, after a summary comment. */
        public String ldif() {
            StringBuilder sb = new StringBuilder();
            sb.append("# reconcile ").append(sink).append(" directory ").append(directory)
                    .append(dryRun ? " (dry run: nothing written)" : "").append(": ").append(entriesRead)
                    .append(" entries read, ").append(count(LdapWrite.Bind.class)).append(" to add, ")
                    .append(count(LdapWrite.Modify.class)).append(" to modify, ")
                    .append(count(LdapWrite.Unbind.class)).append(" to delete\n");
            for (LdapWrite w : changes) {
                sb.append('\n').append(w.ldif());
            }
            return sb.toString();
        }
    }

    private final LdapSinks sinks;
    private final LdapReader reader;
    private final LdapWriter writer;
    private final LdapEntryMap entries;
    private final PosixIds posixIds;
    private final ResourceExport store;
    private final SinkStreams streams;
    private final TransactionTemplate tx;
    private final ReconcileProperties props;

    public LdapReconciler(LdapSinks sinks, LdapReader reader, LdapWriter writer, LdapEntryMap entries,
                          PosixIds posixIds, ResourceExport store, SinkStreams streams, TransactionTemplate tx,
                          ReconcileProperties props) {
        this.sinks = sinks;
        this.reader = reader;
        this.writer = writer;
        this.entries = entries;
        this.posixIds = posixIds;
        this.store = store;
        this.streams = streams;
        this.tx = tx;
        this.props = props;
    }

    /**
     * @param progress receives a line ({@code # progress: ...}, an LDIF comment) every {@code progress-every}
     *                 entries read, and one when each base is done
     */
    public Result reconcile(String sink, String directory, boolean dryRun, Consumer<String> progress) {
        LdapTarget t = sinks.target(sink);
        if (!sinks.directoriesOf(sink).contains(directory)) {
            throw new IllegalArgumentException("directory '" + directory + "' does not feed sink '" + sink + "'");
        }
        if (dryRun) {
            return compare(sink, directory, t, true, progress).result();
        }
        return streams.exclusively(sink, directory, guard -> {
            Comparison c = compare(sink, directory, t, false, progress);
            writer.write(sink, c.result().changes(), guard::check);
            tx.executeWithoutResult(s -> {
                c.wanted().mapUpdates.forEach(u -> entries.apply(sink, directory, u));
                entries.mappedIds(sink, directory).stream().filter(id -> !c.wanted().ids.contains(id))
                        .forEach(id -> entries.apply(sink, directory, new LdapEntryMap.Remove(id)));
            });
            return c.result();
        });
    }

    private record Comparison(Result result, Wanted wanted) {
    }

    private Comparison compare(String sink, String directory, LdapTarget t, boolean dryRun,
                               Consumer<String> progress) {
        LdapDesiredState desired = new LdapDesiredState(t);
        Wanted wanted = wanted(sink, directory, t, desired);
        Set<String> othersDns = new HashSet<>();
        entries.dnsOfOtherDirectories(sink, directory).forEach(dn -> othersDns.add(LdapDns.key(dn)));

        long[] read = {0};
        Map<String, LdapEntrySnapshot> actual = new LinkedHashMap<>();
        List<String> bases = new ArrayList<>(List.of(t.peopleBase()));
        if (t.disable().strategy() == DisableStrategy.MOVE) {
            bases.add(t.disabledBase());
        }
        bases.add(t.groupsBase());
        for (String base : bases) {
            reader.pagedChildren(sink, base, props.pageSize(), e -> {
                actual.put(LdapDns.key(e.dn()), e);
                if (++read[0] % props.progressEvery() == 0) {
                    progress.accept("# progress: " + read[0] + " entries read (now under " + base + ")");
                }
            });
            progress.accept("# progress: " + read[0] + " entries read, done with " + base);
        }

        List<LdapWrite> userAdds = new ArrayList<>();
        List<LdapWrite> userMods = new ArrayList<>();
        List<LdapWrite> groupAdds = new ArrayList<>();
        List<LdapWrite> groupMods = new ArrayList<>();
        wanted.users.forEach((key, want) -> {
            LdapEntrySnapshot have = actual.get(key);
            if (have == null) {
                userAdds.add(new LdapWrite.Bind(want.dn(), want.forAdd()));
                return;
            }
            List<Mod> mods = desired.userMods(want, have.attributes());
            if (!mods.isEmpty()) {
                userMods.add(new LdapWrite.Modify(have.dn(), mods));
            }
        });
        String memberAttribute = t.groupStyle().memberAttribute;
        wanted.groups.forEach((key, want) -> {
            LdapEntrySnapshot have = actual.get(key);
            if (have == null) {
                groupAdds.add(new LdapWrite.Bind(want.dn(), want.forAdd()));
                return;
            }
            List<Mod> mods = desired.memberMods(want, have.values(memberAttribute));
            if (!mods.isEmpty()) {
                groupMods.add(new LdapWrite.Modify(have.dn(), mods));
            }
        });
        List<LdapWrite> deletes = new ArrayList<>();
        actual.forEach((key, e) -> {
            if (!wanted.users.containsKey(key) && !wanted.groups.containsKey(key) && !othersDns.contains(key)) {
                deletes.add(new LdapWrite.Unbind(e.dn()));
            }
        });
        // users before groups (a group add names its members), deletes last
        List<LdapWrite> changes = new ArrayList<>(userAdds);
        changes.addAll(userMods);
        changes.addAll(groupAdds);
        changes.addAll(groupMods);
        changes.addAll(deletes);
        Result result = new Result(sink, directory, dryRun, read[0], changes);
        LOG.info("reconcile {} directory {}{}: {} entries read, {} adds, {} modifies, {} deletes", sink, directory,
                dryRun ? " (dry run)" : "", read[0], result.count(LdapWrite.Bind.class),
                result.count(LdapWrite.Modify.class), result.count(LdapWrite.Unbind.class));
        return new Comparison(result, wanted);
    }

    // ------------------------------------------------------------------------------------------- wanted state

    /** The wanted entries by DN key, the SCIM ids of the directory, and the DN map as it will be after. */
    private static final class Wanted {
        final Map<String, LdapDesiredState.User> users = new LinkedHashMap<>();
        final Map<String, LdapDesiredState.Group> groups = new LinkedHashMap<>();
        final Set<String> ids = new HashSet<>();
        final List<LdapEntryMap.Update> mapUpdates = new ArrayList<>();
    }

    private Wanted wanted(String sink, String directory, LdapTarget t, LdapDesiredState desired) {
        Map<String, JsonNode> users = new LinkedHashMap<>();
        Map<String, StoredResource> groups = new LinkedHashMap<>();
        store.forEach(directory, props.pageSize(), r -> {
            if (r.kind() == ResourceKind.USER) {
                users.put(r.id(), ResourceRenderer.render(r, null));
            } else {
                groups.put(r.id(), r);
            }
        });
        DisableStrategy strategy = t.disable().strategy();
        Map<String, String> userDn = new LinkedHashMap<>();
        Map<String, String> removedDn = new LinkedHashMap<>();
        users.forEach((id, u) -> {
            boolean active = LdapDesiredState.active(u);
            String dn = desired.userDn(u, active || strategy != DisableStrategy.MOVE);
            if (!active && strategy == DisableStrategy.DELETE) {
                removedDn.put(id, dn);
            } else {
                userDn.put(id, dn);
            }
        });
        Map<String, String> groupDn = new LinkedHashMap<>();
        groups.forEach((id, g) -> {
            String dn = desired.groupDn(ResourceRenderer.render(g, null));
            if (dn != null) {
                groupDn.put(id, dn);
            }
        });

        Wanted wanted = new Wanted();
        users.forEach((id, u) -> {
            wanted.ids.add(id);
            if (removedDn.containsKey(id)) {
                wanted.mapUpdates.add(new LdapEntryMap.Put(id, "User", removedDn.get(id), true, null));
                return;
            }
            LdapDesiredState.User want = desired.user(u, userDn::get, () -> posixIds.allocateUidNumber(sink,
                    directory, id, t.posixAccount().uidNumberStart(), t.posixAccount().uidNumberEnd()));
            wanted.users.put(LdapDns.key(want.dn()), want);
            wanted.mapUpdates.add(new LdapEntryMap.Put(id, "User", want.dn(), false, null));
        });
        GroupStyle style = t.groupStyle();
        long[] nextPosix = {-1};
        groups.forEach((id, g) -> {
            wanted.ids.add(id);
            String dn = groupDn.get(id);
            if (dn == null) {
                return;
            }
            List<String> values = new ArrayList<>();
            for (StoredResource.Member m : g.members()) {
                boolean isGroup = "Group".equalsIgnoreCase(m.type());
                String memberDn = isGroup ? (style.dnMembers ? groupDn.get(m.value()) : null) : userDn.get(m.value());
                if (memberDn != null) {
                    values.add(desired.memberValue(memberDn));
                }
            }
            Long posixId = null;
            if (style == GroupStyle.POSIX_GROUP) {
                Optional<Long> known = entries.find(sink, directory, id).map(LdapEntryMap.Entry::posixId);
                if (known.isPresent()) {
                    posixId = known.get();
                } else {
                    nextPosix[0] = nextPosix[0] < 0 ? entries.nextPosixId(sink, t.posixGidStart()) : nextPosix[0] + 1;
                    posixId = nextPosix[0];
                }
            }
            LdapDesiredState.Group want = desired.group(dn, values, posixId);
            wanted.groups.put(LdapDns.key(dn), want);
            wanted.mapUpdates.add(new LdapEntryMap.Put(id, "Group", dn, false, posixId));
        });
        return wanted;
    }
}
