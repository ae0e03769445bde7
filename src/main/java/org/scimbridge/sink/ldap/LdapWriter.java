package org.scimbridge.sink.ldap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.BasicAttributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.ModificationItem;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.stereotype.Component;

/**
 * Every write to an LDAP target, for the sink and for reconcile: add, modify (only the values that change),
 * delete and modrdn, through the target's pooled {@link LdapTemplate}, so failures arrive as Spring LDAP's typed
 * exceptions. Counts {@code scim_bridge_sink_ldap_writes_total{sink}}.
 */
@Component
public class LdapWriter {

    private final LdapSinks sinks;
    private final MeterRegistry meters;
    private final LdapShadowLog shadow;
    private final java.util.Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    public LdapWriter(LdapSinks sinks, MeterRegistry meters, LdapShadowLog shadow) {
        this.shadow = shadow;
        this.sinks = sinks;
        this.meters = meters;
    }

    /** Runs the writes in order; {@code beforeEach} may stop them (a lease that ran out). */
    public void write(String sink, List<LdapWrite> writes, Runnable beforeEach) {
        if (shadow.shadow(sink)) {
            // the last line of defence: the sink's steps record instead of calling this; reconcile is refused
            throw new ShadowModeException(sink);
        }
        LdapTemplate template = sinks.template(sink);
        Counter counter = counters.computeIfAbsent(sink, k -> Counter.builder("scim_bridge_sink_ldap_writes_total")
                .tag("sink", k).description("LDAP writes (add, modify, delete, modrdn) this sink sent").register(meters));
        for (LdapWrite w : writes) {
            beforeEach.run();
            write(template, w);
            counter.increment();
        }
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
            template.modifyAttributes(LdapDns.parse(m.dn()), items.toArray(new ModificationItem[0]));
        } else if (w instanceof LdapWrite.Unbind u) {
            template.unbind(LdapDns.parse(u.dn()));
        } else if (w instanceof LdapWrite.Rename r) {
            template.rename(LdapDns.parse(r.dn()), LdapDns.parse(r.newDn()));
        }
    }
}
