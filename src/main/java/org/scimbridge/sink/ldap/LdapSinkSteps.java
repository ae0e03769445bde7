package org.scimbridge.sink.ldap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.scimbridge.sink.SinkChange;
import org.scimbridge.sink.SinkLeases;
import org.scimbridge.store.MemberStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ldap.NameAlreadyBoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of {@code routes/sink-ldap.camel.yaml}, one change at a time: {@link #lookUp} reads the entry as the
 * target holds it (and the groups that name it), {@link #plan} diffs the desired entry against it, {@link #write}
 * sends the writes through the one {@link LdapWriter} and records the DNs it gave. Each returns the next step's
 * body; a failure is thrown, and the feed stream decides whether to retry or park.
 */
@Component("ldapSink")
public class LdapSinkSteps {

    private static final Logger LOG = LoggerFactory.getLogger(LdapSinkSteps.class);

    /**
     * A change with what its searches found. {@code assumedAbsent}: no search was made, since the change creates a
     * resource the target has no entry of in the DN map; the plan is an add, and should the entry exist after all
     * (made by hand, or by a write whose DN-map update was lost) the add's refusal sends the change through the
     * searches after all ({@link #write}).
     */
    public record Lookup(SinkChange change, Map<String, List<LdapEntrySnapshot>> found, boolean assumedAbsent) {
        public Lookup(SinkChange change, Map<String, List<LdapEntrySnapshot>> found) {
            this(change, found, false);
        }
    }

    /**
     * A change with its planned writes, and writes to send after them ({@code after}: the target's position entry)
     * that stay when the plan is made again against an entry found to exist.
     */
    public record Planned(SinkChange change, LdapChangePlanner.Plan plan, boolean assumedAbsent,
                          List<LdapWrite> after) {
        public Planned(SinkChange change, LdapChangePlanner.Plan plan, boolean assumedAbsent) {
            this(change, plan, assumedAbsent, List.of());
        }

        public Planned(SinkChange change, LdapChangePlanner.Plan plan) {
            this(change, plan, false);
        }

        public Planned withAfter(List<LdapWrite> writes) {
            return new Planned(change, plan, assumedAbsent, writes);
        }

        List<LdapWrite> allWrites() {
            if (after.isEmpty()) {
                return plan.writes();
            }
            List<LdapWrite> all = new java.util.ArrayList<>(plan.writes());
            all.addAll(after);
            return all;
        }

        /** The writes as LDIF change records, as the log and a replay show them. */
        public String ldif() {
            StringBuilder sb = new StringBuilder();
            allWrites().forEach(w -> sb.append(w.ldif()).append('\n'));
            return sb.toString();
        }
    }

    private final LdapSinks sinks;
    private final LdapReader reader;
    private final LdapWriter writer;
    private final LdapEntryMap entries;
    private final PosixIds posixIds;
    private final MemberStore members;
    private final SinkLeases leases;
    private final TransactionTemplate tx;
    private final PendingMembers pendingMembers;
    private final InitialPasswords passwords;
    private final LdapShadowLog shadow;

    public LdapSinkSteps(LdapSinks sinks, LdapReader reader, LdapWriter writer, LdapEntryMap entries,
                         PosixIds posixIds, MemberStore members, SinkLeases leases, TransactionTemplate tx,
                         PendingMembers pendingMembers, InitialPasswords passwords, LdapShadowLog shadow) {
        this.shadow = shadow;
        this.pendingMembers = pendingMembers;
        this.passwords = passwords;
        this.sinks = sinks;
        this.reader = reader;
        this.writer = writer;
        this.entries = entries;
        this.posixIds = posixIds;
        this.members = members;
        this.leases = leases;
        this.tx = tx;
    }

    /** The entry of the changed resource under any DN it may have, and the groups that name it. */
    public Lookup lookUp(SinkChange change) {
        if (change.isCreate() && !change.replay() && entries.find(change.sink(), change.directory(),
                change.resourceId()).isEmpty()) {
            return new Lookup(change, Map.of(), true);
        }
        return search(change);
    }

    private Lookup search(SinkChange change) {
        Map<String, List<LdapEntrySnapshot>> found = new LinkedHashMap<>();
        for (LdapChangePlanner.Search s : planner(change).searches(change)) {
            found.put(s.key(), reader.search(change.sink(), s.base(), s.filter()));
        }
        return new Lookup(change, found);
    }

    /** The writes that make the target's entry the desired one. */
    public Planned plan(Lookup lookup) {
        SinkChange change = lookup.change();
        LdapChangePlanner.Plan plan = planner(change).plan(change, lookup.found());
        plan.notes().forEach(n -> LOG.info("{}: {}", change, n));
        Planned planned = new Planned(change, plan, lookup.assumedAbsent());
        if (LOG.isDebugEnabled()) {
            LOG.debug("{}:\n{}", change, planned.ldif());
        }
        return planned;
    }

    /**
     * Sends the writes, in order, then records the DNs they gave; the route's result is the LDIF written. In
     * shadow mode the writes are recorded ({@link LdapShadowLog}) instead, and neither the target nor the DN map
     * changes: each record is the diff against the target as it is, as the live sink would compute it now.
     */
    public String write(Planned planned) {
        if (shadow.shadow(planned.change().sink())) {
            shadow.record(planned.change(), planned.allWrites());
            return planned.ldif();
        }
        try {
            return send(planned);
        } catch (NameAlreadyBoundException exists) {
            if (!planned.assumedAbsent()) {
                throw exists;
            }
            LOG.debug("{}: the entry exists already; planning against it", planned.change());
            return send(plan(search(planned.change())).withAfter(planned.after()));
        }
    }

    private String send(Planned planned) {
        SinkChange c = planned.change();
        Runnable check = () -> {
            if (!c.replay()) {
                // a write after the lease ran out could land after the next holder's newer writes of the resource
                leases.check(c.sink(), c.directory());
            }
        };
        RefusedValueRules rules = sinks.refusedValueRules(c.sink());
        // the initial password, if the target wants one, is made here, as the add is sent: in no plan, log or row
        List<LdapWrite> writes = passwords.withPassword(sinks.target(c.sink()), c.isUser(), planned.allWrites());
        if (!rules.any()) {
            writer.write(c.sink(), writes, check);
        } else {
            for (LdapWrite w : writes) {
                writeSkippingRefusedValues(c, w, rules, check);
            }
        }
        tx.executeWithoutResult(s -> {
            planned.plan().mapUpdates().forEach(u -> entries.apply(c.sink(), c.directory(), u));
            planned.plan().pending().forEach(u -> pendingMembers.apply(c.sink(), c.directory(), u));
        });
        return planned.ldif();
    }

    /** One write; a value the target refuses, of an attribute whose rule is {@code skip}, is left out. */
    private void writeSkippingRefusedValues(SinkChange c, LdapWrite write, RefusedValueRules rules, Runnable check) {
        Optional<LdapWrite> next = Optional.of(write);
        while (next.isPresent()) {
            LdapWrite w = next.get();
            try {
                writer.write(c.sink(), List.of(w), check);
                return;
            } catch (RuntimeException refused) {
                if (!LdapFailures.rejected(refused) && !LdapFailures.rejected(refused.getCause())) {
                    throw refused;
                }
                Optional<String> attr = rules.skippable(w, LdapFailures.describe(refused));
                if (attr.isEmpty()) {
                    throw refused;
                }
                LOG.warn("{}: {} refused the value of {} ({}); written without it (refused-values.{}: skip)", c,
                        c.sink(), attr.get(), LdapFailures.describe(refused), attr.get());
                next = RefusedValueRules.without(w, attr.get());
            }
        }
    }

    private LdapChangePlanner planner(SinkChange change) {
        String sink = change.sink();
        String dir = change.directory();
        LdapTarget t = sinks.target(sink);
        return new LdapChangePlanner(sink, t, new LdapChangePlanner.Lookup() {
            // one read per id and change: the planner asks for the same few ids several times
            private final Map<String, Optional<LdapEntryMap.Entry>> seen = new java.util.HashMap<>();

            public Optional<LdapEntryMap.Entry> mapped(String id) {
                return seen.computeIfAbsent(id, k -> entries.find(sink, dir, k));
            }

            public void prefetch(List<String> ids) {
                Map<String, LdapEntryMap.Entry> found = entries.findAll(sink, dir, ids);
                ids.forEach(id -> seen.putIfAbsent(id, Optional.ofNullable(found.get(id))));
            }

            public List<String> groupsOf(String userId) {
                return members.groupsOf(dir, userId).stream().map(m -> m.value()).toList();
            }

            public long nextPosixId() {
                return entries.nextPosixId(sink, t.posixGidStart());
            }

            public List<String> pendingGroupsOf(String memberId) {
                return pendingMembers.groupsOf(sink, dir, memberId);
            }

            public long uidNumber(String userId) {
                return posixIds.allocateUidNumber(sink, dir, userId, t.posixAccount().uidNumberStart(),
                        t.posixAccount().uidNumberEnd());
            }
        });
    }
}
