package org.scimbridge.sink.ldap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.scimbridge.sink.ScimPath;
import org.scimbridge.sink.SinkChange;
import org.scimbridge.sink.ldap.LdapTarget.DisableStrategy;
import org.scimbridge.sink.ldap.LdapTarget.GroupStyle;
import org.scimbridge.sink.ldap.LdapWrite.Mod;
import org.scimbridge.sink.ldap.LdapWrite.Op;

/**
 * Plans the LDAP writes of one change for one target, in two pure steps: {@link #searches} says which entries it
 * must see (the resource's entry under any DN it may have now, the groups that name it), {@link #plan} diffs the
 * desired entry ({@link LdapDesiredState}, the same function reconcile uses) against what those searches found
 * and returns the writes and DN-map updates. No I/O here: the DN map comes in through {@link Lookup}.
 *
 * <p>Every plan is computed against what LDAP holds now, which makes applying a change twice harmless: an entry
 * that exists is modified to the desired state (never added again), a value already there is not added, a
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

        /** Reads the entries of many ids at once, so that {@link #mapped} of each then costs nothing. */
        default void prefetch(List<String> resourceIds) {
        }

        /** Groups whose change was applied without this member, because it had no entry then (it was parked). */
        default List<String> pendingGroupsOf(String memberId) {
            return List.of();
        }
    }

    /** One search the plan needs: entries under {@code base} (subtree) matching {@code filter}, kept by key. */
    public record Search(String key, String base, String filter) {
    }

    /** The writes of a change, in order, and the DN-map updates to record once LDAP confirmed them. */
    public record Plan(List<LdapWrite> writes, List<LdapEntryMap.Update> mapUpdates, List<String> notes,
                       List<PendingMembers.Update> pending) {
        public Plan(List<LdapWrite> writes, List<LdapEntryMap.Update> mapUpdates, List<String> notes) {
            this(writes, mapUpdates, notes, List.of());
        }
    }

    /** The entry of the changed resource, under any of the DNs it may have now. */
    static final String SELF = "self";
    /** Groups whose members name the changed resource under any of its possible DNs. */
    static final String REFS = "refs";

    static String groupKey(String id) {
        return "group:" + id;
    }

    private final String sink;
    private final LdapTarget t;
    private final LdapDesiredState desired;
    private final Lookup lookup;

    public LdapChangePlanner(String sink, LdapTarget target, Lookup lookup) {
        this.sink = sink;
        this.t = target;
        this.desired = new LdapDesiredState(target);
        this.lookup = lookup;
    }

    // ------------------------------------------------------------------------------------------------ reads

    public List<Search> searches(SinkChange change) {
        JsonNode resource = change.resource();
        List<Search> reads = new ArrayList<>();
        Optional<LdapEntryMap.Entry> mapped = lookup.mapped(change.resourceId());
        if (change.isUser()) {
            Set<String> candidates = userCandidates(resource, mapped);
            reads.add(new Search(SELF, t.baseDn(), LdapDns.anyOf(t.userRdnAttribute(), rdnValues(candidates))));
            reads.add(refsRead(candidates));
            if (!change.isDelete() && LdapDesiredState.active(resource)
                    && mapped.map(LdapEntryMap.Entry::removed).orElse(false)) {
                for (String groupId : lookup.groupsOf(change.resourceId())) {
                    lookup.mapped(groupId).ifPresent(g -> reads.add(new Search(groupKey(groupId), t.groupsBase(),
                            LdapDns.eq(t.groupRdnAttribute(), LdapDns.rdnValue(g.dn())))));
                }
            }
            if (change.replay() && !change.isDelete() && mapped.isEmpty()) {
                for (String groupId : lookup.pendingGroupsOf(change.resourceId())) {
                    lookup.mapped(groupId).ifPresent(g -> reads.add(new Search(groupKey(groupId), t.groupsBase(),
                            LdapDns.eq(t.groupRdnAttribute(), LdapDns.rdnValue(g.dn())))));
                }
            }
        } else {
            Set<String> candidates = groupCandidates(resource, mapped);
            reads.add(new Search(SELF, t.groupsBase(), LdapDns.anyOf(t.groupRdnAttribute(), rdnValues(candidates))));
            if (t.groupStyle().dnMembers) {
                reads.add(refsRead(candidates));
            }
        }
        return reads;
    }

    private Search refsRead(Set<String> candidateDns) {
        GroupStyle style = t.groupStyle();
        Set<String> values = style.dnMembers ? candidateDns : rdnValues(candidateDns);
        return new Search(REFS, t.groupsBase(), LdapDns.anyOf(style.memberAttribute, values));
    }

    // ------------------------------------------------------------------------------------------------ plan

    /** The writes and map updates for the change, given what the searches found (key to entries). */
    public Plan plan(SinkChange change, Map<String, List<LdapEntrySnapshot>> found) {
        Plan plan = change.isUser() ? planUser(change, found) : planGroup(change, found);
        return new Plan(MemberChunks.split(plan.writes(), t.groupStyle().memberAttribute, MemberChunks.SIZE),
                plan.mapUpdates(), plan.notes(), plan.pending());
    }

    private Plan planUser(SinkChange change, Map<String, List<LdapEntrySnapshot>> reads) {
        String id = change.resourceId();
        JsonNode user = change.resource();
        Optional<LdapEntryMap.Entry> mapped = lookup.mapped(id);
        Set<String> candidates = userCandidates(user, mapped);
        LdapEntrySnapshot current = pick(reads.get(SELF), candidates);
        List<LdapEntrySnapshot> refs = reads.getOrDefault(REFS, List.of());
        List<LdapWrite> writes = new ArrayList<>();
        List<LdapEntryMap.Update> updates = new ArrayList<>();
        List<String> notes = new ArrayList<>();

        boolean remove = change.isDelete()
                || (!LdapDesiredState.active(user) && t.disable().strategy() == DisableStrategy.DELETE);
        if (remove) {
            for (LdapEntrySnapshot group : refs) {
                memberChange(group, List.of(), desired.memberValues(candidates), writes);
            }
            if (current != null) {
                writes.add(new LdapWrite.Unbind(current.dn()));
            }
            if (change.isDelete()) {
                updates.add(new LdapEntryMap.Remove(id));
            } else {
                String dn = mapped.map(LdapEntryMap.Entry::dn).orElseGet(() -> desired.userDn(user, true));
                updates.add(new LdapEntryMap.Put(id, "User", dn, true, null));
            }
            return new Plan(writes, updates, notes);
        }

        LdapDesiredState.User want = desired.user(user, this::dnOf, () -> lookup.uidNumber(id));
        String desiredDn = want.dn();
        if (current == null) {
            writes.add(new LdapWrite.Bind(desiredDn, want.forAdd()));
            if (mapped.map(LdapEntryMap.Entry::removed).orElse(false)) {
                // re-enable after the delete strategy: give the entry its memberships back
                for (String groupId : lookup.groupsOf(id)) {
                    List<LdapEntrySnapshot> g = reads.getOrDefault(groupKey(groupId), List.of());
                    Optional<LdapEntryMap.Entry> gm = lookup.mapped(groupId);
                    LdapEntrySnapshot group = gm.map(e -> pick(g, Set.of(e.dn()))).orElse(null);
                    if (group != null) {
                        memberChange(group, desired.memberValues(Set.of(desiredDn)), List.of(), writes);
                    }
                }
            }
        } else {
            Map<String, List<String>> now = new LinkedHashMap<>(current.attributes());
            if (!LdapDns.same(current.dn(), desiredDn)) {
                writes.add(new LdapWrite.Rename(current.dn(), desiredDn));
                // the modrdn replaces the old RDN value with the new one
                String oldRdn = LdapDns.rdnValue(current.dn());
                String key = t.userRdnAttribute().toLowerCase(Locale.ROOT);
                List<String> rdnVals = new ArrayList<>(now.getOrDefault(key, List.of()));
                rdnVals.removeIf(v -> v.equalsIgnoreCase(oldRdn));
                rdnVals.add(want.rdnValue());
                now.put(key, rdnVals);
            }
            List<Mod> mods = desired.userMods(want, now);
            if (!mods.isEmpty()) {
                writes.add(new LdapWrite.Modify(desiredDn, mods));
            }
        }
        List<PendingMembers.Update> pending = new ArrayList<>();
        if (change.replay() && mapped.isEmpty()) {
            // groups applied without this user while its change was parked: it joins them now
            for (String groupId : lookup.pendingGroupsOf(id)) {
                LdapEntrySnapshot group = lookup.mapped(groupId)
                        .map(e -> pick(reads.getOrDefault(groupKey(groupId), List.of()), Set.of(e.dn()))).orElse(null);
                if (group != null) {
                    memberChange(group, desired.memberValues(Set.of(desiredDn)), List.of(), writes);
                }
                pending.add(new PendingMembers.Drop(groupId, id));
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
            memberChange(group, desired.memberValues(Set.of(desiredDn)), desired.memberValues(stale), writes, true);
        }
        updates.add(new LdapEntryMap.Put(id, "User", desiredDn, false, null));
        return new Plan(writes, updates, notes, pending);
    }

    private Plan planGroup(SinkChange change, Map<String, List<LdapEntrySnapshot>> reads) {
        String id = change.resourceId();
        JsonNode group = change.resource();
        GroupStyle style = t.groupStyle();
        Optional<LdapEntryMap.Entry> mapped = lookup.mapped(id);
        Set<String> candidates = groupCandidates(group, mapped);
        LdapEntrySnapshot current = pick(reads.get(SELF), candidates);
        List<LdapEntrySnapshot> refs = reads.getOrDefault(REFS, List.of());
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
            return new Plan(writes, updates, notes, List.of(new PendingMembers.DropGroup(id)));
        }

        String desiredDn = desiredGroupDn(group, mapped);
        List<PendingMembers.Update> pending = new ArrayList<>();
        if (change.membersAdded().size() + change.membersRemoved().size() > 20) {
            List<String> ids = new ArrayList<>();
            change.membersAdded().forEach(m -> ids.add(m.value()));
            change.membersRemoved().forEach(m -> ids.add(m.value()));
            lookup.prefetch(ids);
        }
        List<String> added = resolveMembers(change.membersAdded(), notes, unresolved -> {
            notes.add("member " + unresolved + " has no entry in target " + sink + " (its own change is not applied,"
                    + " or parked): the group is written without it, it joins when its change is replayed");
            pending.add(new PendingMembers.Add(id, unresolved));
        });
        List<String> removed = resolveMembers(change.membersRemoved(), notes, unresolved -> { });
        change.membersRemoved().forEach(m -> pending.add(new PendingMembers.Drop(id, m.value())));
        Long posixId = mapped.map(LdapEntryMap.Entry::posixId).orElse(null);
        if (current == null) {
            if (style == GroupStyle.POSIX_GROUP && posixId == null) {
                posixId = lookup.nextPosixId();
            }
            LdapDesiredState.Group want = desired.group(desiredDn, added, posixId);
            writes.add(new LdapWrite.Bind(desiredDn, want.forAdd()));
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
        return new Plan(writes, updates, notes, pending);
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
        // by key, through hash sets: a 50,000-member group changed by one member costs one pass, not 50,000 x n
        GroupStyle style = t.groupStyle();
        String attr = style.memberAttribute;
        List<String> have = group.values(attr);
        Set<String> haveKeys = new HashSet<>();
        have.forEach(h -> haveKeys.add(desired.memberKey(h)));
        Set<String> removeKeys = new HashSet<>();
        remove.forEach(r -> removeKeys.add(desired.memberKey(r)));
        List<String> toRemove = new ArrayList<>();
        for (String h : have) {
            if (removeKeys.contains(desired.memberKey(h))) {
                toRemove.add(h);
            }
        }
        if (onlyIfRemoving && toRemove.isEmpty()) {
            return;
        }
        List<String> toAdd = new ArrayList<>();
        Set<String> addKeys = new HashSet<>();
        for (String a : add) {
            String k = desired.memberKey(a);
            boolean present = haveKeys.contains(k) && !removeKeys.contains(k);
            if (!present && addKeys.add(k)) {
                toAdd.add(a);
            }
        }
        // a value we remove and add back (same DN, other spelling) needs neither
        Set<String> readded = new HashSet<>();
        toRemove.removeIf(r -> {
            String k = desired.memberKey(r);
            if (addKeys.contains(k)) {
                readded.add(k);
                return true;
            }
            return false;
        });
        toAdd.removeIf(a -> readded.contains(desired.memberKey(a)));
        if (style.dnMembers) {
            String placeholderKey = desired.memberKey(t.emptyGroupMember());
            boolean hasPlaceholder = haveKeys.contains(placeholderKey);
            Set<String> removing = new HashSet<>(toRemove);
            long realAfter = have.stream().filter(h -> !removing.contains(h))
                    .filter(h -> !desired.memberKey(h).equals(placeholderKey)).count()
                    + toAdd.stream().filter(a -> !desired.memberKey(a).equals(placeholderKey)).count();
            if (realAfter == 0 && !hasPlaceholder && toAdd.isEmpty()) {
                toAdd.add(t.emptyGroupMember());
            } else if (realAfter > 0 && hasPlaceholder) {
                have.stream().filter(h -> desired.memberKey(h).equals(placeholderKey)).forEach(toRemove::add);
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

    /** Member values (DNs, or uids for posixGroup) of the members a change names. */
    private List<String> resolveMembers(List<SinkChange.Member> members, List<String> notes,
                                        Consumer<String> unresolved) {
        List<String> out = new ArrayList<>();
        for (SinkChange.Member m : members) {
            String memberId = m.value();
            boolean isGroup = m.isGroup();
            if (isGroup && !t.groupStyle().dnMembers) {
                notes.add("posixGroup cannot hold group " + memberId + "; not written");
                continue;
            }
            Optional<LdapEntryMap.Entry> e = lookup.mapped(memberId);
            if (e.isEmpty()) {
                unresolved.accept(memberId);
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

    // ------------------------------------------------------------------------------------------------ DNs

    private String desiredGroupDn(JsonNode group, Optional<LdapEntryMap.Entry> mapped) {
        String dn = desired.groupDn(group);
        if (dn == null) {
            if (mapped.isPresent()) {
                return mapped.get().dn();
            }
            throw new LdapSinkException(LdapSinkException.Kind.INVALID_DATA, "group has no displayName");
        }
        return dn;
    }

    private Set<String> userCandidates(JsonNode user, Optional<LdapEntryMap.Entry> mapped) {
        Set<String> c = new LinkedHashSet<>();
        if (ScimPath.first(user, t.userRdnSource()) != null) {
            c.add(desired.userDn(user, true));
            if (t.disable().strategy() == DisableStrategy.MOVE) {
                c.add(desired.userDn(user, false));
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
        if (desired.groupDn(group) != null) {
            c.add(desired.groupDn(group));
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
}
