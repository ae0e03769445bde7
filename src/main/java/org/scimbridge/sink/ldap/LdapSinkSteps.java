package org.scimbridge.sink.ldap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;
import javax.naming.directory.SearchResult;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.scimbridge.sink.FeedChange;
import org.scimbridge.sink.LeaseLostException;
import org.scimbridge.sink.SinkLeases;
import org.scimbridge.sink.SinkFeedStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ldap.core.LdapOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Java steps of {@code routes/sink-ldap.camel.yaml}. Each method does one thing; the route decides the order
 * and runs the LDAP searches and writes through camel-ldap and camel-spring-ldap.
 */
@Component("ldapSink")
public class LdapSinkSteps {

    private static final Logger LOG = LoggerFactory.getLogger(LdapSinkSteps.class);

    /** Exchange property holding the {@link LdapWork} of the change in flight. */
    public static final String WORK = "scimBridgeLdapWork";
    /** Exchange property holding the {@link LdapRead} in flight. */
    public static final String READ = "scimBridgeLdapRead";
    /** Header naming the camel-spring-ldap operation of the write in flight. */
    public static final String OPERATION = "scimBridgeLdapOperation";

    /** camel-spring-ldap has no rename operation: its function_driven operation runs this on the LdapTemplate. */
    static final BiFunction<LdapOperations, LdapWrite.Rename, Object> RENAME = (ops, r) -> {
        ops.rename(LdapDns.parse(r.dn()), LdapDns.parse(r.newDn()));
        return r.newDn();
    };

    private final LdapSinkProperties props;
    private final LdapTargets targets;
    private final SinkFeedStore feed;
    private final LdapEntryMap entries;
    private final LdapErrors errors;
    private final SinkMetrics metrics;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final SinkLeases leases;
    private final PosixIds posixIds;

    public LdapSinkSteps(LdapSinkProperties props, LdapTargets targets, SinkFeedStore feed, LdapEntryMap entries,
                         LdapErrors errors, SinkMetrics metrics, TransactionTemplate tx, ObjectMapper json,
                         SinkLeases leases, PosixIds posixIds) {
        this.leases = leases;
        this.posixIds = posixIds;
        this.props = props;
        this.targets = targets;
        this.feed = feed;
        this.entries = entries;
        this.errors = errors;
        this.metrics = metrics;
        this.tx = tx;
        this.json = json;
    }

    /**
     * The next changes of every directory this target is fed by, each in seq order: only of the directories whose
     * lease this instance holds (or takes now), so with several bridges on one database each stream has one
     * applier.
     */
    public List<LdapWork> nextBatch(@Header("scimBridgeLdapTarget") String target) {
        List<LdapWork> batch = new ArrayList<>();
        for (String directory : targets.directoriesOf(target)) {
            if (!leases.hold(target, directory)) {
                continue;
            }
            for (FeedChange c : feed.next(target, directory, props.batchSize())) {
                batch.add(work(target, c, false));
            }
        }
        return batch;
    }

    public LdapWork work(String target, FeedChange change, boolean replay) {
        try {
            return new LdapWork(target, change, json.readTree(change.payload()), replay);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable payload of " + change, e);
        }
    }

    /**
     * Starts a change: takes it off the body into the {@link #WORK} property, skips it if the position shows it
     * applied already, and parks it at once if an earlier change of the same resource is parked (so that a
     * resource's changes never apply out of order).
     */
    public void begin(Exchange exchange) {
        LdapWork w = exchange.getMessage().getBody(LdapWork.class);
        exchange.setProperty(WORK, w);
        FeedChange c = w.getChange();
        if (!w.isReplay()) {
            if (!leases.hold(w.getTarget(), c.directoryId())) {
                LOG.debug("{}: another instance holds the stream now; left to it", w);
                w.finish();
                return;
            }
            long position = feed.position(w.getTarget(), c.directoryId());
            if (c.seq() <= position) {
                LOG.debug("{}: already applied (position {})", w, position);
                w.finish();
                return;
            }
            if (c.seq() != position + 1) {
                throw new IllegalStateException(w + " is not next after position " + position);
            }
        }
        Optional<Long> blocker = feed.parkedBefore(w.getTarget(), c.directoryId(), c.resourceId(), c.seq());
        if (blocker.isPresent()) {
            String why = "waits for parked change " + c.directoryId() + "#" + blocker.get() + " of the same resource";
            try {
                tx.executeWithoutResult(s -> {
                    feed.park(w.getTarget(), c, 0, why, blocker.get());
                    if (!w.isReplay()) {
                        feed.advance(w.getTarget(), c.directoryId(), c.seq(), leases.owner());
                    }
                });
            } catch (LeaseLostException lost) {
                leaseLost(w, lost);
                return;
            }
            metrics.parked(w.getTarget());
            LOG.warn("{} parked: {}", w, why);
            w.finish();
        }
    }

    private LdapChangePlanner planner(LdapWork w) {
        String target = w.getTarget();
        String dir = w.getChange().directoryId();
        LdapSinkProperties.Target t = props.target(target);
        return new LdapChangePlanner(target, t, new LdapChangePlanner.Lookup() {
            public Optional<LdapEntryMap.Entry> mapped(String id) {
                return entries.find(target, dir, id);
            }

            public List<String> groupsOf(String userId) {
                return entries.groupsOf(dir, userId);
            }

            public long nextPosixId() {
                return entries.nextPosixId(target, t.posixGidStart());
            }

            public long uidNumber(String userId) {
                return posixIds.allocateUidNumber(target, dir, userId, t.posixAccount().uidNumberStart(),
                        t.posixAccount().uidNumberEnd());
            }
        });
    }

    /** The searches the change needs, run one by one by the route. */
    public List<LdapRead> reads(Exchange exchange) {
        LdapWork w = exchange.getProperty(WORK, LdapWork.class);
        return planner(w).reads(w.getChange(), w.getPayload());
    }

    /** Before a search: the filter as body and the read in a property for the endpoint's base. */
    public String searchFilter(Exchange exchange) {
        LdapRead read = exchange.getMessage().getBody(LdapRead.class);
        exchange.setProperty(READ, read);
        return read.filter();
    }

    /** After a search: keeps its results on the work under the read's key. */
    @SuppressWarnings("unchecked")
    public void recordRead(Exchange exchange) {
        LdapWork w = exchange.getProperty(WORK, LdapWork.class);
        LdapRead read = exchange.getProperty(READ, LdapRead.class);
        List<SearchResult> results = exchange.getMessage().getBody(List.class);
        List<LdapEntrySnapshot> snapshots = new ArrayList<>();
        if (results != null) {
            results.forEach(r -> snapshots.add(LdapEntrySnapshot.of(r)));
        }
        synchronized (w) {
            w.getReads().put(read.key(), snapshots);
        }
    }

    /** Plans the writes from the searches' results; the route runs them in order. */
    public List<LdapWrite> plan(Exchange exchange) {
        LdapWork w = exchange.getProperty(WORK, LdapWork.class);
        LdapChangePlanner.Planned p = planner(w).plan(w.getChange(), w.getPayload(), w.getReads());
        w.setWrites(p.writes());
        w.setMapUpdates(p.mapUpdates());
        w.getNotes().addAll(p.notes());
        p.notes().forEach(n -> LOG.info("{}: {}", w, n));
        if (LOG.isDebugEnabled()) {
            p.writes().forEach(x -> LOG.debug("{}:\n{}", w, x.ldif()));
        }
        return p.writes();
    }

    /** Turns one write into the body camel-spring-ldap expects, and names the operation in a header. */
    public Map<String, Object> request(Exchange exchange) {
        LdapWrite write = exchange.getMessage().getBody(LdapWrite.class);
        LdapWork w = exchange.getProperty(WORK, LdapWork.class);
        if (w != null && !w.isReplay()) {
            // a write after the lease ran out could land after the next holder's newer writes of the resource
            leases.check(w.getTarget(), w.getChange().directoryId());
        }
        Map<String, Object> body = new HashMap<>();
        body.put("dn", LdapDns.jndi(write.dn()));
        if (write instanceof LdapWrite.Bind b) {
            exchange.getMessage().setHeader(OPERATION, "bind");
            BasicAttributes attrs = new BasicAttributes(true);
            b.attributes().forEach((k, vs) -> {
                BasicAttribute a = new BasicAttribute(k);
                vs.forEach(a::add);
                attrs.put(a);
            });
            body.put("attributes", attrs);
        } else if (write instanceof LdapWrite.Modify m) {
            exchange.getMessage().setHeader(OPERATION, "modify");
            List<ModificationItem> items = new ArrayList<>();
            for (LdapWrite.Mod mod : m.mods()) {
                BasicAttribute a = new BasicAttribute(mod.attribute());
                mod.values().forEach(a::add);
                int op = switch (mod.op()) {
                    case ADD -> DirContext.ADD_ATTRIBUTE;
                    case DELETE -> DirContext.REMOVE_ATTRIBUTE;
                    case REPLACE -> DirContext.REPLACE_ATTRIBUTE;
                };
                items.add(new ModificationItem(op, a));
            }
            body.put("modificationItems", items.toArray(new ModificationItem[0]));
        } else if (write instanceof LdapWrite.Unbind) {
            exchange.getMessage().setHeader(OPERATION, "unbind");
        } else if (write instanceof LdapWrite.Rename r) {
            exchange.getMessage().setHeader(OPERATION, "rename");
            body.put("function", RENAME);
            body.put("request", r);
        }
        return body;
    }

    /**
     * The target confirmed every write: records the DN map and moves the position (or, for a replay, drops the
     * parked row), in one transaction.
     */
    public void commit(Exchange exchange) {
        LdapWork w = exchange.getProperty(WORK, LdapWork.class);
        FeedChange c = w.getChange();
        try {
            tx.executeWithoutResult(s -> {
                w.getMapUpdates().forEach(u -> entries.apply(w.getTarget(), c.directoryId(), u));
            if (w.isReplay()) {
                    feed.unpark(w.getTarget(), c.directoryId(), c.seq());
                } else {
                    feed.advance(w.getTarget(), c.directoryId(), c.seq(), leases.owner());
                }
            });
        } catch (LeaseLostException lost) {
            leaseLost(w, lost);
            return;
        }
        metrics.applied(w.getTarget(), w.getWrites().size());
        LOG.debug("{} applied with {} writes", w, w.getWrites().size());
        w.finish();
    }

    /** Called by the error policy once a permanent failure has used its redeliveries. */
    public void park(Exchange exchange) {
        LdapWork w = exchange.getProperty(WORK, LdapWork.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // the error policy parks only once the redeliveries are used up: that many, plus the first try
        Integer redeliveries = exchange.getMessage().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class);
        int attempts = Math.max(redeliveries == null ? 0 : redeliveries, props.redeliveriesBeforePark()) + 1;
        String why = error == null ? "unknown error" : errors.describe(error);
        if (w == null) {
            LOG.error("a change failed before it started: {}", why, error);
            return;
        }
        FeedChange c = w.getChange();
        try {
            tx.executeWithoutResult(s -> {
                feed.park(w.getTarget(), c, attempts, why, null);
                if (!w.isReplay()) {
                    feed.advance(w.getTarget(), c.directoryId(), c.seq(), leases.owner());
                }
            });
        } catch (LeaseLostException lost) {
            leaseLost(w, lost);
            return;
        }
        metrics.parked(w.getTarget());
        LOG.warn("{} parked after {} attempts: {}", w, attempts, why);
        w.finish();
    }

    /** Called by the error policy when a write found the lease gone: the change is left to the new holder. */
    public void leaseLost(Exchange exchange) {
        LdapWork w = exchange.getProperty(WORK, LdapWork.class);
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (w != null) {
            leaseLost(w, error);
        }
    }

    private void leaseLost(LdapWork w, Throwable why) {
        leases.lost(w.getTarget(), w.getChange().directoryId());
        LOG.warn("{} left to the instance that holds the stream now: {}", w, why == null ? "lease lost"
                : why.getMessage());
        w.finish();
    }
}
