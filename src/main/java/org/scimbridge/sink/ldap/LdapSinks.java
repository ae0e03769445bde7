package org.scimbridge.sink.ldap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scimbridge.sink.SinkDefinitions;
import org.scimbridge.sink.SinkType;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.stereotype.Component;

/**
 * {@code type: ldap}: the LDAP targets. Each sink's keys are bound into an {@link LdapTarget} and checked at
 * start-up (a missing key, a bad DN or a base outside {@code base-dn} stops the start); each target gets one
 * pooled {@link LdapTemplate} that every read and write of it goes through ({@link LdapWriter}, look-ups,
 * reconcile). Changes go to {@code direct:sink-ldap} ({@code routes/sink-ldap.camel.yaml}) unless the sink's
 * definition names another route.
 */
@Component
public class LdapSinks implements SinkType {

    public static final String TYPE = "ldap";

    private final SinkDefinitions definitions;
    private final Map<String, LdapTarget> targets = new LinkedHashMap<>();
    private final Map<String, LdapTemplate> templates = new LinkedHashMap<>();
    private final Map<String, RefusedValueRules> refusedValueRules = new LinkedHashMap<>();
    private final Map<String, LdapTemplate> probes = new LinkedHashMap<>();

    public LdapSinks(SinkDefinitions definitions) {
        this.definitions = definitions;
        for (String sink : definitions.ofType(TYPE)) {
            LdapTarget t = definitions.bind(sink, LdapTarget.class);
            t.checkDns("scim-bridge.sinks." + sink);
            t.checkInitialPassword("scim-bridge.sinks." + sink);
            targets.put(sink, t);
            templates.put(sink, template(t));
            refusedValueRules.put(sink, definitions.bind(sink, RefusedValueRules.class));
            probes.put(sink, probeTemplate(t));
        }
    }

    @Override
    public String name() {
        return TYPE;
    }

    @Override
    public ApplyRoute defaultRoute(String sink) {
        return ApplyRoute.route("sink-ldap");
    }

    @Override
    public Failure classify(Throwable error) {
        return LdapFailures.classify(error);
    }

    @Override
    public String describe(Throwable error) {
        return LdapFailures.describe(error);
    }

    /**
     * A new connection, a bind and a read of the root DSE, within 2 s each: not from the writers' pool, whose
     * connections to a server that went away can take the whole read timeout to fail.
     */
    @Override
    public boolean probe(String sink) {
        target(sink);
        probes.get(sink).executeReadOnly(ctx -> ctx.getAttributes("", new String[] {"namingContexts"}));
        return true;
    }

    public LdapTarget target(String sink) {
        LdapTarget t = targets.get(sink);
        if (t == null) {
            throw new IllegalArgumentException("no LDAP sink named '" + sink + "' (type: ldap under scim-bridge.sinks)");
        }
        return t;
    }

    /** What to do with a value the target refuses, per attribute ({@code refused-values}). */
    public RefusedValueRules refusedValueRules(String sink) {
        target(sink);
        return refusedValueRules.get(sink);
    }

    public boolean exists(String sink) {
        return targets.containsKey(sink);
    }

    public LdapTemplate template(String sink) {
        target(sink);
        return templates.get(sink);
    }

    /** The LDAP sinks some directory feeds. */
    public List<String> activeTargets() {
        return definitions.activeOfType(TYPE);
    }

    public List<String> directoriesOf(String sink) {
        return definitions.directoriesOf(sink);
    }

    static LdapTemplate template(LdapTarget t) {
        // the JDK's LDAP connection pool: no TCP connect + bind per operation; a connection the server dropped
        // (restart, outage) is taken out of the pool by the JDK
        return template(t, true, "3000", "15000");
    }

    private static LdapTemplate probeTemplate(LdapTarget t) {
        return template(t, false, "2000", "2000");
    }

    private static LdapTemplate template(LdapTarget t, boolean pooled, String connectTimeoutMs, String readTimeoutMs) {
        LdapContextSource source = new LdapContextSource();
        source.setUrl(t.url());
        if (!t.bindDn().isBlank()) {
            source.setUserDn(t.bindDn());
            source.setPassword(t.password());
        } else {
            source.setAnonymousReadOnly(false);
        }
        source.setPooled(pooled);
        source.setBaseEnvironmentProperties(Map.of(
                "com.sun.jndi.ldap.connect.timeout", connectTimeoutMs,
                "com.sun.jndi.ldap.read.timeout", readTimeoutMs));
        source.afterPropertiesSet();
        LdapTemplate template = new LdapTemplate(source);
        template.setIgnorePartialResultException(true);
        return template;
    }
}
