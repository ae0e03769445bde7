package org.scimbridge.sink.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.naming.directory.Attributes;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;
import javax.naming.directory.SearchControls;
import org.scimbridge.sink.ldap.LdapSinkProperties.DisableStrategy;
import org.scimbridge.sink.ldap.LdapSinkProperties.GroupStyle;
import org.scimbridge.sink.ldap.LdapSinkProperties.Target;
import org.scimbridge.sink.ldap.LdapWrite.Mod;
import org.scimbridge.sink.ldap.LdapWrite.Op;
import org.scimbridge.store.ResourceRenderer;
import org.scimbridge.store.ResourceRows;
import org.scimbridge.store.StoredResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.ldap.control.PagedResultsDirContextProcessor;
import org.springframework.ldap.core.ContextMapper;
import org.springframework.ldap.core.DirContextAdapter;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.SingleContextSource;
import org.springframework.stereotype.Service;

/**
 * Compares the store of record ({@code scim_resource}, {@code scim_group_member}) of one directory with what one
 * LDAP target holds under its people, disabled and groups bases, and repairs the drift: entries missing, extra
 * (under a base, not mapped by another directory) or with differing mapped attributes, and group members missing
 * or extra. The wanted state is what the sink writes: the same DN rules, attribute map, disable strategy, group
 * style and placeholder member (the planner's own rules and {@link UserAttributeMap}).
 *
 * <p>Reads are paged (RFC 2696 Simple Paged Results, {@code scim-bridge.reconcile.page-size} per page, on one
 * connection) and report progress every {@code scim-bridge.reconcile.progress-every} entries. Only mapped
 * attributes are compared: attributes the sink does not manage are left as they are.
 *
 * <p>The repair is meant for a sink that has caught up (the admin endpoint pauses the target's poller while it
 * writes); a SCIM change that arrives meanwhile is applied by the sink afterwards, over the repaired tree.
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

    private final LdapSinkProperties props;
    private final LdapTargets targets;
    private final LdapEntryMap entries;
    private final JdbcTemplate jdbc;
    private final int pageSize;
    private final int progressEvery;
    private final PosixIds posixIds;

    public LdapReconciler(LdapSinkProperties props, LdapTargets targets, LdapEntryMap entries, JdbcTemplate jdbc,
                          @Value("${scim-bridge.reconcile.page-size:500}") int pageSize,
                          @Value("${scim-bridge.reconcile.progress-every:1000}") int progressEvery,
                          PosixIds posixIds) {
        this.posixIds = posixIds;
        this.props = props;
        this.targets = targets;
        this.entries = entries;
        this.jdbc = jdbc;
        this.pageSize = pageSize;
        this.progressEvery = progressEvery;
    }

    /**
     * @param progress receives a line ({@code # progress: ...}, an LDIF comment) every {@code progress-every}
     *                 entries read, and one when each base is done
     */
    public Result reconcile(String sink, String directory, boolean dryRun, Consumer<String> progress) {
        Target t = props.target(sink);
        if (!targets.directoriesOf(sink).contains(directory)) {
            throw new IllegalArgumentException("directory '" + directory + "' does not feed sink '" + sink + "'");
        }
        Wanted wanted = wanted(sink, directory, t);
        Set<String> othersDns = new HashSet<>();
        jdbc.queryForList("SELECT dn FROM sink_ldap_entry WHERE sink = ? AND directory_id <> ?", String.class,
                sink, directory).forEach(dn -> othersDns.add(LdapDns.key(dn)));

        LdapTemplate template = targets.template(sink);
        long[] read = {0};
        Map<String, LdapEntrySnapshot> actual = new LinkedHashMap<>();
        List<String> bases = new ArrayList<>(List.of(t.peopleBase()));
        if (t.disable().strategy() == DisableStrategy.MOVE) {
            bases.add(t.disabledBase());
        }
        bases.add(t.groupsBase());
        for (String base : bases) {
            pagedSearch(template, base, e -> {
                actual.put(LdapDns.key(e.dn()), e);
                if (++read[0] % progressEvery == 0) {
                    progress.accept("# progress: " + read[0] + " entries read (now under " + base + ")");
                }
            });
            progress.accept("# progress: " + read[0] + " entries read, done with " + base);
        }

        List<LdapWrite> adds = new ArrayList<>();
        List<LdapWrite> modifies = new ArrayList<>();
        List<LdapWrite> deletes = new ArrayList<>();
        for (WantedEntry w : wanted.entries.values()) {
            LdapEntrySnapshot have = actual.get(LdapDns.key(w.dn));
            if (have == null) {
                adds.add(new LdapWrite.Bind(w.dn, w.addAttributes));
                continue;
            }
            List<Mod> mods = new ArrayList<>();
            w.compared.forEach((attr, want) -> {
                if (!new LinkedHashSet<>(have.values(attr)).equals(new LinkedHashSet<>(want))) {
                    mods.add(new Mod(Op.REPLACE, attr, want));
                }
            });
            if (w.members != null) {
                String attr = t.groupStyle().memberAttribute;
                List<String> haveMembers = have.values(attr);
                List<String> toAdd = w.members.stream()
                        .filter(m -> haveMembers.stream().noneMatch(h -> sameMember(t, h, m))).toList();
                List<String> toRemove = haveMembers.stream()
                        .filter(h -> w.members.stream().noneMatch(m -> sameMember(t, h, m))).toList();
                if (!toAdd.isEmpty()) {
                    mods.add(new Mod(Op.ADD, attr, toAdd));
                }
                if (!toRemove.isEmpty()) {
                    mods.add(new Mod(Op.DELETE, attr, toRemove));
                }
            }
            if (!mods.isEmpty()) {
                modifies.add(new LdapWrite.Modify(have.dn(), mods));
            }
        }
        for (Map.Entry<String, LdapEntrySnapshot> e : actual.entrySet()) {
            if (!wanted.entries.containsKey(e.getKey()) && !othersDns.contains(e.getKey())) {
                deletes.add(new LdapWrite.Unbind(e.getValue().dn()));
            }
        }
        // users before groups (a group add names its members), deletes last
        List<LdapWrite> changes = new ArrayList<>();
        changes.addAll(adds.stream().filter(w -> !wanted.isGroup(w.dn())).toList());
        changes.addAll(modifies.stream().filter(w -> !wanted.isGroup(w.dn())).toList());
        changes.addAll(adds.stream().filter(w -> wanted.isGroup(w.dn())).toList());
        changes.addAll(modifies.stream().filter(w -> wanted.isGroup(w.dn())).toList());
        changes.addAll(deletes);

        Result result = new Result(sink, directory, dryRun, read[0], changes);
        if (!dryRun) {
            for (LdapWrite w : changes) {
                write(template, w);
            }
            wanted.mapUpdates.forEach(u -> entries.apply(sink, directory, u));
            jdbc.queryForList("SELECT resource_id FROM sink_ldap_entry WHERE sink = ? AND directory_id = ?",
                    String.class, sink, directory).stream().filter(id -> !wanted.ids.contains(id))
                    .forEach(id -> entries.apply(sink, directory, new LdapEntryMap.Remove(id)));
        }
        LOG.info("reconcile {} directory {}{}: {} entries read, {} adds, {} modifies, {} deletes", sink, directory,
                dryRun ? " (dry run)" : "", read[0], result.count(LdapWrite.Bind.class),
                result.count(LdapWrite.Modify.class), result.count(LdapWrite.Unbind.class));
        return result;
    }

    // ------------------------------------------------------------------------------------------- wanted state

    private static final class WantedEntry {
        final String dn;
        final Map<String, List<String>> addAttributes;
        /** Attributes compared on an existing entry (a want of none means "absent"). */
        final Map<String, List<String>> compared;
        /** For groups: the member values wanted (placeholder included); null for users. */
        final List<String> members;

        WantedEntry(String dn, Map<String, List<String>> addAttributes, Map<String, List<String>> compared,
                    List<String> members) {
            this.dn = dn;
            this.addAttributes = addAttributes;
            this.compared = compared;
            this.members = members;
        }
    }

    private static final class Wanted {
        final Map<String, WantedEntry> entries = new LinkedHashMap<>();
        final Set<String> groupKeys = new HashSet<>();
        final Set<String> ids = new HashSet<>();
        final List<LdapEntryMap.Update> mapUpdates = new ArrayList<>();

        boolean isGroup(String dn) {
            return groupKeys.contains(LdapDns.key(dn));
        }
    }

    private Wanted wanted(String sink, String directory, Target t) {
        Map<String, JsonNode> users = new LinkedHashMap<>();
        Map<String, JsonNode> groups = new LinkedHashMap<>();
        for (Map<String, Object> row : jdbc.queryForList(
                "SELECT * FROM scim_resource WHERE directory_id = ? ORDER BY resource_type DESC, id", directory)) {
            StoredResource r = ResourceRows.fromRow(row);
            JsonNode rendered = ResourceRenderer.render(r, "");
            if ("User".equalsIgnoreCase(r.kind().resourceType())) {
                users.put(r.id(), rendered);
            } else {
                groups.put(r.id(), rendered);
            }
        }
        Map<String, List<String[]>> members = new LinkedHashMap<>();
        jdbc.query("SELECT group_id, member_id, member_type FROM scim_group_member WHERE directory_id = ?"
                        + " ORDER BY group_id, member_id",
                rs -> {
                    members.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new String[] {rs.getString(2), rs.getString(3)});
                }, directory);

        LdapChangePlanner planner = new LdapChangePlanner(sink, t, new LdapChangePlanner.Lookup() {
            public Optional<LdapEntryMap.Entry> mapped(String id) {
                return Optional.empty();
            }

            public List<String> groupsOf(String userId) {
                return List.of();
            }

            public long nextPosixId() {
                return entries.nextPosixId(sink, t.posixGidStart());
            }

            public long uidNumber(String userId) {
                return posixIds.allocateUidNumber(sink, directory, userId, t.posixAccount().uidNumberStart(),
                        t.posixAccount().uidNumberEnd());
            }
        });
        DisableStrategy strategy = t.disable().strategy();
        Map<String, String> userDn = new LinkedHashMap<>();
        Map<String, String> removedDn = new LinkedHashMap<>();
        users.forEach((id, u) -> {
            boolean active = LdapChangePlanner.active(u);
            String dn = planner.desiredUserDn(u, active || strategy != DisableStrategy.MOVE);
            if (!active && strategy == DisableStrategy.DELETE) {
                removedDn.put(id, dn);
            } else {
                userDn.put(id, dn);
            }
        });
        Map<String, String> groupDn = new LinkedHashMap<>();
        groups.forEach((id, g) -> {
            String name = ScimPath.first(g, "displayName");
            if (name != null) {
                groupDn.put(id, LdapDns.child(t.groupsBase(), t.groupRdnAttribute(), name));
            }
        });

        Wanted wanted = new Wanted();
        users.forEach((id, u) -> {
            wanted.ids.add(id);
            if (removedDn.containsKey(id)) {
                wanted.mapUpdates.add(new LdapEntryMap.Put(id, "User", removedDn.get(id), true, null));
                return;
            }
            String dn = userDn.get(id);
            String rdnValue = LdapDns.rdnValue(dn);
            Map<String, List<String>> desired = UserAttributeMap.map(u, t.attributes(), userDn::get);
            if (strategy == DisableStrategy.ATTRIBUTE) {
                desired.put(t.disable().attribute(),
                        LdapChangePlanner.active(u) ? List.of() : List.of(t.disable().value()));
            }
            Map<String, List<String>> add = new LinkedHashMap<>();
            add.put("objectClass", t.userObjectClasses());
            add.put(t.userRdnAttribute(), LdapChangePlanner.union(desired.get(t.userRdnAttribute()), rdnValue));
            Map<String, List<String>> posix = new LinkedHashMap<>();
            LdapSinkProperties.PosixAccount px = t.posixAccount();
            if (px.enabled()) {
                // a missing entry is added as the sink would add it; the posix attributes of an entry that is
                // there are not compared (uidNumber comes from the allocation table, home and shell are initial)
                List<String> classes = new ArrayList<>(t.userObjectClasses());
                if (classes.stream().noneMatch(c -> c.equalsIgnoreCase("posixAccount"))) {
                    classes.add("posixAccount");
                }
                add.put("objectClass", classes);
                long uidNumber = posixIds.allocateUidNumber(sink, directory, id, px.uidNumberStart(),
                        px.uidNumberEnd());
                PosixAccountAttributes.put(t, uidNumber, rdnValue, desired.get("uid"), posix, posix);
            }
            Map<String, List<String>> compared = new LinkedHashMap<>();
            desired.forEach((k, v) -> {
                List<String> want = k.equalsIgnoreCase(t.userRdnAttribute()) ? LdapChangePlanner.union(v, rdnValue) : v;
                compared.put(k, want);
                if (!v.isEmpty() && !k.equalsIgnoreCase(t.userRdnAttribute())) {
                    add.put(k, v);
                }
            });
            add.putAll(posix);
            wanted.entries.put(LdapDns.key(dn), new WantedEntry(dn, add, compared, null));
            wanted.mapUpdates.add(new LdapEntryMap.Put(id, "User", dn, false, null));
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
            for (String[] m : members.getOrDefault(id, List.of())) {
                boolean isGroup = "Group".equalsIgnoreCase(m[1]);
                String memberDn = isGroup ? (style.dnMembers ? groupDn.get(m[0]) : null) : userDn.get(m[0]);
                if (memberDn != null) {
                    values.add(style.dnMembers ? memberDn : LdapDns.rdnValue(memberDn));
                }
            }
            if (values.isEmpty() && style.dnMembers) {
                values.add(t.emptyGroupMember());
            }
            Map<String, List<String>> add = new LinkedHashMap<>();
            add.put("objectClass", List.of("top", style.objectClass));
            add.put(t.groupRdnAttribute(), List.of(LdapDns.rdnValue(dn)));
            Long posixId = null;
            if (style == GroupStyle.POSIX_GROUP) {
                posixId = entries.find(sink, directory, id).map(LdapEntryMap.Entry::posixId).orElse(null);
                if (posixId == null) {
                    nextPosix[0] = nextPosix[0] < 0 ? entries.nextPosixId(sink, t.posixGidStart()) : nextPosix[0] + 1;
                    posixId = nextPosix[0];
                }
                add.put("gidNumber", List.of(String.valueOf(posixId)));
            }
            if (!values.isEmpty()) {
                add.put(style.memberAttribute, values);
            }
            wanted.entries.put(LdapDns.key(dn), new WantedEntry(dn, add, Map.of(), values));
            wanted.groupKeys.add(LdapDns.key(dn));
            wanted.mapUpdates.add(new LdapEntryMap.Put(id, "Group", dn, false, posixId));
        });
        return wanted;
    }

    private static boolean sameMember(Target t, String a, String b) {
        if (t.groupStyle().dnMembers) {
            try {
                return LdapDns.same(a, b);
            } catch (RuntimeException notADn) {
                return a.equalsIgnoreCase(b);
            }
        }
        return a.equals(b);
    }

    // ------------------------------------------------------------------------------------------- LDAP I/O

    /** One-level search under {@code base}, page by page on one connection (the control is per connection). */
    private void pagedSearch(LdapTemplate template, String base, Consumer<LdapEntrySnapshot> each) {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.ONELEVEL_SCOPE);
        PagedResultsDirContextProcessor pages = new PagedResultsDirContextProcessor(pageSize);
        ContextMapper<LdapEntrySnapshot> mapper = ctx -> {
            DirContextAdapter a = (DirContextAdapter) ctx;
            return snapshot(a.getNameInNamespace(), a.getAttributes());
        };
        SingleContextSource.doWithSingleContext(template.getContextSource(), ops -> {
            do {
                ops.search(LdapDns.parse(base), "(objectClass=*)", controls, mapper, pages).forEach(each);
            } while (pages.hasMore());
            return null;
        });
    }

    private static LdapEntrySnapshot snapshot(String dn, Attributes attributes) {
        return LdapEntrySnapshot.of(dn, attributes);
    }

    private static void write(LdapTemplate template, LdapWrite w) {
        if (w instanceof LdapWrite.Bind b) {
            BasicAttributes attrs = new BasicAttributes(true);
            b.attributes().forEach((k, vs) -> {
                BasicAttribute a = new BasicAttribute(k);
                vs.forEach(a::add);
                attrs.put(a);
            });
            template.bind(LdapDns.parse(b.dn()), null, attrs);
        } else if (w instanceof LdapWrite.Modify m) {
            List<ModificationItem> items = new ArrayList<>();
            for (Mod mod : m.mods()) {
                BasicAttribute a = new BasicAttribute(mod.attribute());
                mod.values().forEach(a::add);
                int op = switch (mod.op()) {
                    case ADD -> DirContext.ADD_ATTRIBUTE;
                    case DELETE -> DirContext.REMOVE_ATTRIBUTE;
                    case REPLACE -> DirContext.REPLACE_ATTRIBUTE;
                };
                items.add(new ModificationItem(op, a));
            }
            template.modifyAttributes(LdapDns.parse(m.dn()), items.toArray(new ModificationItem[0]));
        } else if (w instanceof LdapWrite.Unbind u) {
            template.unbind(LdapDns.parse(u.dn()));
        }
    }
}
