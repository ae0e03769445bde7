package org.scimbridge.sink.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.scimbridge.sink.FeedChange;
import org.scimbridge.sink.ldap.LdapSinkProperties.DisableStrategy;
import org.scimbridge.sink.ldap.LdapSinkProperties.GroupStyle;
import org.scimbridge.sink.ldap.LdapSinkProperties.Target;
import org.scimbridge.sink.ldap.LdapWrite.Mod;
import org.scimbridge.sink.ldap.LdapWrite.Op;

/**
 * Plans the LDAP writes of one feed change for one target, in two pure steps: {@link #reads} says which searches
 * it needs, {@link #plan} turns their results into writes and DN-map updates. No I/O here: the route runs the
 * searches (camel-ldap) and the writes (camel-spring-ldap); the DN map comes in through {@link Lookup}.
 *
 * <p>Every plan is computed against what LDAP holds now, which makes applying a change twice harmless: an entry
 * that exists is modified to the target state (never added again), a value already there is not added, a
 * value or entry already gone is not deleted. Group references to any DN the resource may have had (the mapped
 * one, or its twin in the people or disabled OU) are rewritten to the DN it has after the change, so a rename
 * interrupted between the modrdn and the group updates is finished by the replay.
 */
public final class LdapChangePlanner {

    /** What the planner needs from the sink's own tables. */
    public interface Lookup {
        Optional<LdapEntryMap.Entry> mapped(String resourceId);

        /** Group ids the store of record has this user in (for re-enable after the delete strategy). */
        List<String> groupsOf(String userId);

        long nextPosixId();

        /**
         * The uidNumber of a user of a posix-account target: allocated (and stored) the first time, the same one
         * every time after.
         */
        long uidNumber(String userId);
    }

    private final String sink;
    private final Target t;
    private final Lookup lookup;

    public LdapChangePlanner(String sink, Target target, Lookup lookup) {
        this.sink = sink;
        this.t = target;
        this.lookup = lookup;
    }

    // ------------------------------------------------------------------------------------------------ reads

    public List<LdapRead> reads(FeedChange change, JsonNode payload) {
        JsonNode resource = payload.path("resource");
        List<LdapRead> reads = new ArrayList<>();
        Optional<LdapEntryMap.Entry> mapped = lookup.mapped(change.resourceId());
        if (change.isUser()) {
            Set<String> candidates = userCandidates(resource, mapped);
            reads.add(new LdapRead(LdapRead.SELF, t.baseDn(),
                    LdapDns.anyOf(t.userRdnAttribute(), rdnValues(candidates))));
            reads.add(refsRead(candidates));
            if (!change.isDelete() && active(resource) && mapped.map(LdapEntryMap.Entry::removed).orElse(false)) {
                for (String groupId : lookup.groupsOf(change.resourceId())) {
                    lookup.mapped(groupId).ifPresent(g -> reads.add(new LdapRead(LdapRead.group(groupId),
                            t.groupsBase(), LdapDns.eq(t.groupRdnAttribute(), LdapDns.rdnValue(g.dn())))));
                }
            }
        } else {
            Set<String> candidates = groupCandidates(resource, mapped);
            reads.add(new LdapRead(LdapRead.SELF, t.groupsBase(),
                    LdapDns.anyOf(t.groupRdnAttribute(), rdnValues(candidates))));
            if (t.groupStyle().dnMembers) {
                reads.add(refsRead(candidates));
            }
        }
        return reads;
    }

    private LdapRead refsRead(Set<String> candidateDns) {
        GroupStyle style = t.groupStyle();
        Set<String> values = style.dnMembers ? candidateDns : rdnValues(candidateDns);
        return new LdapRead(LdapRead.REFS, t.groupsBase(), LdapDns.anyOf(style.memberAttribute, values));
    }

    // ------------------------------------------------------------------------------------------------ plan

    /** The writes and map updates for the change, given the reads' results (key to entries). */
    public Planned plan(FeedChange change, JsonNode payload, Map<String, List<LdapEntrySnapshot>> reads) {
        JsonNode resource = payload.path("resource");
        return change.isUser()
                ? planUser(change, resource, reads)
                : planGroup(change, payload, resource, reads);
    }

    public record Planned(List<LdapWrite> writes, List<LdapEntryMap.Update> mapUpdates, List<String> notes) {
    }

    private Planned planUser(FeedChange change, JsonNode user, Map<String, List<LdapEntrySnapshot>> reads) {
        String id = change.resourceId();
        Optional<LdapEntryMap.Entry> mapped = lookup.mapped(id);
        Set<String> candidates = userCandidates(user, mapped);
        LdapEntrySnapshot current = pick(reads.get(LdapRead.SELF), candidates);
        List<LdapEntrySnapshot> refs = reads.getOrDefault(LdapRead.REFS, List.of());
        List<LdapWrite> writes = new ArrayList<>();
        List<LdapEntryMap.Update> updates = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        boolean active = active(user);
        DisableStrategy strategy = t.disable().strategy();
        boolean remove = change.isDelete() || (!active && strategy == DisableStrategy.DELETE);
        if (remove) {
            for (LdapEntrySnapshot group : refs) {
                memberChange(group, List.of(), memberValues(candidates), writes);
            }
            if (current != null) {
                writes.add(new LdapWrite.Unbind(current.dn()));
            }
            if (change.isDelete()) {
                updates.add(new LdapEntryMap.Remove(id));
            } else {
                String dn = mapped.map(LdapEntryMap.Entry::dn).orElseGet(() -> desiredUserDn(user, true));
                updates.add(new LdapEntryMap.Put(id, "User", dn, true, null));
            }
            return new Planned(writes, updates, notes);
        }

        String desiredDn = desiredUserDn(user, active || strategy != DisableStrategy.MOVE);
        String rdnValue = LdapDns.rdnValue(desiredDn);
        Map<String, List<String>> desired = UserAttributeMap.map(user, t.attributes(), this::dnOf);
        if (strategy == DisableStrategy.ATTRIBUTE) {
            desired.put(t.disable().attribute(), active ? List.of() : List.of(t.disable().value()));
        }
        Map<String, List<String>> posixInitial = posixAccount(id, rdnValue, desired);
        if (current == null) {
            Map<String, List<String>> attrs = new LinkedHashMap<>();
            attrs.put("objectClass", userObjectClasses());
            attrs.put(t.userRdnAttribute(), union(desired.get(t.userRdnAttribute()), rdnValue));
            desired.forEach((k, v) -> {
                if (!v.isEmpty() && !k.equalsIgnoreCase(t.userRdnAttribute())) {
                    attrs.put(k, v);
                }
            });
            attrs.putAll(posixInitial);
            writes.add(new LdapWrite.Bind(desiredDn, attrs));
            if (mapped.map(LdapEntryMap.Entry::removed).orElse(false)) {
                // re-enable after the delete strategy: give the entry its memberships back
                for (String groupId : lookup.groupsOf(id)) {
                    List<LdapEntrySnapshot> g = reads.getOrDefault(LdapRead.group(groupId), List.of());
                    Optional<LdapEntryMap.Entry> gm = lookup.mapped(groupId);
                    LdapEntrySnapshot group = gm.map(e -> pick(g, Set.of(e.dn()))).orElse(null);
                    if (group != null) {
                        memberChange(group, memberValues(Set.of(desiredDn)), List.of(), writes);
                    }
                }
            }
        } else {
            Map<String, List<String>> now = new LinkedHashMap<>(current.attributes());
            if (!LdapDns.same(current.dn(), desiredDn)) {
                writes.add(new LdapWrite.Rename(current.dn(), desiredDn));
                String oldRdn = LdapDns.rdnValue(current.dn());
                String key = t.userRdnAttribute().toLowerCase(Locale.ROOT);
                List<String> rdnVals = new ArrayList<>(now.getOrDefault(key, List.of()));
                rdnVals.removeIf(v -> v.equalsIgnoreCase(oldRdn));
                rdnVals.add(rdnValue);
                now.put(key, rdnVals);
            }
            List<Mod> mods = new ArrayList<>();
            if (t.posixAccount().enabled()) {
                // an entry written before posix-account was enabled (or by hand) becomes a posixAccount in place
                boolean posix = now.getOrDefault("objectclass", List.of()).stream()
                        .anyMatch(c -> c.equalsIgnoreCase(POSIX_ACCOUNT));
                if (!posix) {
                    mods.add(new Mod(Op.ADD, "objectClass", List.of(POSIX_ACCOUNT)));
                }
                posixInitial.forEach((attr, v) -> {
                    if (now.getOrDefault(attr.toLowerCase(Locale.ROOT), List.of()).isEmpty()) {
                        mods.add(new Mod(Op.REPLACE, attr, v));
                    }
                });
            }
            for (Map.Entry<String, List<String>> e : desired.entrySet()) {
                String attr = e.getKey();
                List<String> want = attr.equalsIgnoreCase(t.userRdnAttribute()) ? union(e.getValue(), rdnValue)
                        : e.getValue();
                List<String> have = now.getOrDefault(attr.toLowerCase(Locale.ROOT), List.of());
                if (sameValues(have, want)) {
                    continue;
                }
                mods.add(want.isEmpty() ? new Mod(Op.REPLACE, attr, List.of()) : new Mod(Op.REPLACE, attr, want));
            }
            if (!mods.isEmpty()) {
                writes.add(new LdapWrite.Modify(desiredDn, mods));
            }
        }
        // every group that names this user under an old DN now names it under the new one
        List<String> stale = new ArrayList<>();
        for (String c : candidates) {
            if (!LdapDns.same(c, desiredDn)) {
                stale.add(c);
            }
        }
        for (LdapEntrySnapshot group : refs) {
            memberChange(group, memberValues(Set.of(desiredDn)), memberValues(stale), writes, true);
        }
        updates.add(new LdapEntryMap.Put(id, "User", desiredDn, false, null));
        return new Planned(writes, updates, notes);
    }

    private static final String POSIX_ACCOUNT = "posixAccount";

    /** The user's object classes: the configured ones, plus posixAccount when the target wants it. */
    private List<String> userObjectClasses() {
        List<String> classes = new ArrayList<>(t.userObjectClasses());
        if (t.posixAccount().enabled() && classes.stream().noneMatch(c -> c.equalsIgnoreCase(POSIX_ACCOUNT))) {
            classes.add(POSIX_ACCOUNT);
        }
        return classes;
    }

    /**
     * For a posix-account target: puts the attributes the sink keeps in step ({@code uid}, {@code uidNumber},
     * {@code gidNumber}) into {@code desired}, and returns those it only writes while the entry lacks them
     * ({@code homeDirectory}, {@code loginShell}), so a rename does not move a home and a hand-set shell stays.
     */
    private Map<String, List<String>> posixAccount(String id, String rdnValue, Map<String, List<String>> desired) {
        LdapSinkProperties.PosixAccount px = t.posixAccount();
        Map<String, List<String>> initial = new LinkedHashMap<>();
        if (!px.enabled()) {
            return initial;
        }
        PosixAccountAttributes.put(t, lookup.uidNumber(id), rdnValue, desired.get("uid"), desired, initial);
        return initial;
    }

    private Planned planGroup(FeedChange change, JsonNode payload, JsonNode group,
                              Map<String, List<LdapEntrySnapshot>> reads) {
        String id = change.resourceId();
        GroupStyle style = t.groupStyle();
        Optional<LdapEntryMap.Entry> mapped = lookup.mapped(id);
        Set<String> candidates = groupCandidates(group, mapped);
        LdapEntrySnapshot current = pick(reads.get(LdapRead.SELF), candidates);
        List<LdapEntrySnapshot> refs = reads.getOrDefault(LdapRead.REFS, List.of());
        List<LdapWrite> writes = new ArrayList<>();
        List<LdapEntryMap.Update> updates = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        if (change.isDelete()) {
            for (LdapEntrySnapshot parent : refs) {
                memberChange(parent, List.of(), new ArrayList<>(candidates), writes);
            }
            if (current != null) {
                writes.add(new LdapWrite.Unbind(current.dn()));
            }
            updates.add(new LdapEntryMap.Remove(id));
            return new Planned(writes, updates, notes);
        }

        String desiredDn = desiredGroupDn(group, mapped);
        List<String> added = resolveMembers(payload.path("membersAdded"), true, notes);
        List<String> removed = resolveMembers(payload.path("membersRemoved"), false, notes);
        Long posixId = mapped.map(LdapEntryMap.Entry::posixId).orElse(null);
        if (current == null) {
            Map<String, List<String>> attrs = new LinkedHashMap<>();
            attrs.put("objectClass", List.of("top", style.objectClass));
            attrs.put(t.groupRdnAttribute(), List.of(LdapDns.rdnValue(desiredDn)));
            List<String> members = new ArrayList<>(new LinkedHashSet<>(added));
            if (style == GroupStyle.POSIX_GROUP) {
                posixId = posixId == null ? lookup.nextPosixId() : posixId;
                attrs.put("gidNumber", List.of(String.valueOf(posixId)));
            } else if (members.isEmpty()) {
                members.add(t.emptyGroupMember());
            }
            if (!members.isEmpty()) {
                attrs.put(style.memberAttribute, members);
            }
            writes.add(new LdapWrite.Bind(desiredDn, attrs));
        } else {
            if (!LdapDns.same(current.dn(), desiredDn)) {
                writes.add(new LdapWrite.Rename(current.dn(), desiredDn));
            }
            LdapEntrySnapshot at = new LdapEntrySnapshot(desiredDn, current.attributes());
            memberChange(at, added, removed, writes);
        }
        if (style.dnMembers) {
            List<String> stale = new ArrayList<>();
            for (String c : candidates) {
                if (!LdapDns.same(c, desiredDn)) {
                    stale.add(c);
                }
            }
            for (LdapEntrySnapshot parent : refs) {
                memberChange(parent, List.of(desiredDn), stale, writes, true);
            }
        }
        updates.add(new LdapEntryMap.Put(id, "Group", desiredDn, false, posixId));
        return new Planned(writes, updates, notes);
    }

    // ------------------------------------------------------------------------------------------------ members

    private void memberChange(LdapEntrySnapshot group, List<String> add, List<String> remove, List<LdapWrite> out) {
        memberChange(group, add, remove, out, false);
    }

    /**
     * Adds and removes member values of one group with one modify of only the values that change; keeps the
     * placeholder member of a DN-style group exactly while the group has no real member.
     *
     * @param onlyIfRemoving add the values only when something is removed (a rename of a member that is there)
     */
    void memberChange(LdapEntrySnapshot group, List<String> add, List<String> remove, List<LdapWrite> out,
                      boolean onlyIfRemoving) {
        GroupStyle style = t.groupStyle();
        String attr = style.memberAttribute;
        List<String> have = group.values(attr);
        List<String> toRemove = new ArrayList<>();
        for (String h : have) {
            if (remove.stream().anyMatch(r -> sameMember(h, r))) {
                toRemove.add(h);
            }
        }
        if (onlyIfRemoving && toRemove.isEmpty()) {
            return;
        }
        List<String> toAdd = new ArrayList<>();
        for (String a : add) {
            boolean present = have.stream().anyMatch(h -> sameMember(h, a)) && toRemove.stream()
                    .noneMatch(r -> sameMember(r, a));
            if (!present && toAdd.stream().noneMatch(x -> sameMember(x, a))) {
                toAdd.add(a);
            }
        }
        // a value we remove and add back (same DN, other spelling) needs neither
        toRemove.removeIf(r -> {
            boolean readded = toAdd.stream().anyMatch(a -> sameMember(a, r));
            if (readded) {
                toAdd.removeIf(a -> sameMember(a, r));
            }
            return readded;
        });
        if (style.dnMembers) {
            String placeholder = t.emptyGroupMember();
            boolean hasPlaceholder = have.stream().anyMatch(h -> sameMember(h, placeholder));
            long realAfter = have.stream().filter(h -> !sameMember(h, placeholder))
                    .filter(h -> toRemove.stream().noneMatch(r -> r.equals(h))).count()
                    + toAdd.stream().filter(a -> !sameMember(a, placeholder)).count();
            if (realAfter == 0 && !hasPlaceholder && toAdd.isEmpty()) {
                toAdd.add(placeholder);
            } else if (realAfter > 0 && hasPlaceholder) {
                have.stream().filter(h -> sameMember(h, placeholder)).forEach(toRemove::add);
            }
        }
        List<Mod> mods = new ArrayList<>();
        if (!toAdd.isEmpty()) {
            mods.add(new Mod(Op.ADD, attr, toAdd));
        }
        if (!toRemove.isEmpty()) {
            mods.add(new Mod(Op.DELETE, attr, toRemove));
        }
        if (!mods.isEmpty()) {
            out.add(new LdapWrite.Modify(group.dn(), mods));
        }
    }

    private boolean sameMember(String a, String b) {
        if (t.groupStyle().dnMembers) {
            try {
                return LdapDns.same(a, b);
            } catch (RuntimeException notADn) {
                return a.equalsIgnoreCase(b);
            }
        }
        return a.equals(b);
    }

    /** Member values (DNs, or uids for posixGroup) of the members a change names. */
    private List<String> resolveMembers(JsonNode members, boolean adding, List<String> notes) {
        List<String> out = new ArrayList<>();
        if (!members.isArray()) {
            return out;
        }
        for (JsonNode m : members) {
            String memberId = m.path("value").asText("");
            boolean isGroup = "Group".equalsIgnoreCase(m.path("type").asText("User"));
            if (memberId.isEmpty()) {
                continue;
            }
            if (isGroup && !t.groupStyle().dnMembers) {
                notes.add("posixGroup cannot hold group " + memberId + "; not written");
                continue;
            }
            Optional<LdapEntryMap.Entry> e = lookup.mapped(memberId);
            if (e.isEmpty()) {
                if (adding) {
                    throw new LdapSinkException(LdapSinkException.Kind.UNRESOLVED_MEMBER, "member " + memberId
                            + " has no entry in target " + sink + " (its own change is not applied, or parked)");
                }
                continue;
            }
            if (e.get().removed()) {
                notes.add("member " + memberId + " is disabled (deleted by the delete strategy); added on re-enable");
                continue;
            }
            out.add(t.groupStyle().dnMembers ? e.get().dn() : LdapDns.rdnValue(e.get().dn()));
        }
        return out;
    }

    private List<String> memberValues(Iterable<String> dns) {
        List<String> out = new ArrayList<>();
        for (String dn : dns) {
            out.add(t.groupStyle().dnMembers ? dn : LdapDns.rdnValue(dn));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ DNs

    String desiredUserDn(JsonNode user, boolean inPeople) {
        String value = ScimPath.first(user, t.userRdnSource());
        if (value == null) {
            throw new LdapSinkException(LdapSinkException.Kind.INVALID_DATA,
                    "user has no " + t.userRdnSource() + " to name its entry by");
        }
        return LdapDns.child(inPeople ? t.peopleBase() : t.disabledBase(), t.userRdnAttribute(), value);
    }

    private String desiredGroupDn(JsonNode group, Optional<LdapEntryMap.Entry> mapped) {
        String name = ScimPath.first(group, "displayName");
        if (name == null) {
            if (mapped.isPresent()) {
                return mapped.get().dn();
            }
            throw new LdapSinkException(LdapSinkException.Kind.INVALID_DATA, "group has no displayName");
        }
        return LdapDns.child(t.groupsBase(), t.groupRdnAttribute(), name);
    }

    private Set<String> userCandidates(JsonNode user, Optional<LdapEntryMap.Entry> mapped) {
        Set<String> c = new LinkedHashSet<>();
        if (ScimPath.first(user, t.userRdnSource()) != null) {
            c.add(desiredUserDn(user, true));
            if (t.disable().strategy() == DisableStrategy.MOVE) {
                c.add(desiredUserDn(user, false));
            }
        }
        mapped.ifPresent(m -> {
            c.add(m.dn());
            if (t.disable().strategy() == DisableStrategy.MOVE) {
                c.add(LdapDns.moveTo(m.dn(), LdapDns.isUnder(m.dn(), t.disabledBase()) ? t.peopleBase()
                        : t.disabledBase()));
            }
        });
        if (c.isEmpty()) {
            throw new LdapSinkException(LdapSinkException.Kind.INVALID_DATA,
                    "user has no " + t.userRdnSource() + " and no entry in target " + sink);
        }
        return dedupe(c);
    }

    private Set<String> groupCandidates(JsonNode group, Optional<LdapEntryMap.Entry> mapped) {
        Set<String> c = new LinkedHashSet<>();
        if (ScimPath.first(group, "displayName") != null) {
            c.add(LdapDns.child(t.groupsBase(), t.groupRdnAttribute(), ScimPath.first(group, "displayName")));
        }
        mapped.ifPresent(m -> c.add(m.dn()));
        if (c.isEmpty()) {
            throw new LdapSinkException(LdapSinkException.Kind.INVALID_DATA,
                    "group has no displayName and no entry in target " + sink);
        }
        return dedupe(c);
    }

    private static Set<String> dedupe(Set<String> dns) {
        Map<String, String> byKey = new LinkedHashMap<>();
        dns.forEach(d -> byKey.putIfAbsent(LdapDns.key(d), d));
        return new LinkedHashSet<>(byKey.values());
    }

    private static Set<String> rdnValues(Set<String> dns) {
        Set<String> v = new LinkedHashSet<>();
        dns.forEach(d -> v.add(LdapDns.rdnValue(d)));
        return v;
    }

    /** The first candidate DN (in preference order) that the search found. */
    private static LdapEntrySnapshot pick(List<LdapEntrySnapshot> found, Set<String> candidates) {
        if (found == null) {
            return null;
        }
        for (String c : candidates) {
            for (LdapEntrySnapshot e : found) {
                if (LdapDns.same(e.dn(), c)) {
                    return e;
                }
            }
        }
        return null;
    }

    private String dnOf(String id) {
        return lookup.mapped(id).filter(e -> !e.removed()).map(LdapEntryMap.Entry::dn).orElse(null);
    }

    static boolean active(JsonNode user) {
        JsonNode a = user.path("active");
        if (a.isMissingNode() || a.isNull()) {
            return true;
        }
        return a.isBoolean() ? a.booleanValue() : !"false".equalsIgnoreCase(a.asText());
    }

    /** {@code value} first, then the other values that differ from it case-insensitively (an RDN's values). */
    static List<String> union(List<String> values, String value) {
        Set<String> s = new LinkedHashSet<>();
        s.add(value);
        if (values != null) {
            values.stream().filter(v -> !v.equalsIgnoreCase(value)).forEach(s::add);
        }
        return new ArrayList<>(s);
    }

    private static boolean sameValues(List<String> have, List<String> want) {
        return new LinkedHashSet<>(have).equals(new LinkedHashSet<>(want));
    }
}
