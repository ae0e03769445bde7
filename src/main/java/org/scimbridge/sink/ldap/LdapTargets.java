package org.scimbridge.sink.ldap;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.naming.Context;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.scimbridge.config.BridgeProperties;
import org.scimbridge.sink.SinkProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.stereotype.Component;

/**
 * Connects the configured LDAP targets to Camel. For each target {@code T} it binds in the Camel registry:
 * <ul>
 *   <li>{@code ldap-template-T}: an {@link LdapTemplate} for the {@code spring-ldap:} endpoints (writes);</li>
 *   <li>{@code ldap-search-T}: a JNDI environment for the {@code ldap:} endpoints (reads). camel-ldap opens a
 *       context from an environment for each search and closes it; the environment asks for the JDK's pooled
 *       connections, so that costs no new TCP connection and bind per search;</li>
 * </ul>
 * and, once Camel runs, adds one {@code sink-ldap-poll-T} route from the {@code sink-ldap-poll} template for
 * every target that a directory names in its {@code sinks}, so each target polls on its own thread and a target
 * that is down never holds up another.
 */
@Component
public class LdapTargets implements CamelContextConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(LdapTargets.class);

    private final LdapSinkProperties props;
    private final BridgeProperties bridge;
    private final SinkProperties sinks;
    private final Map<String, LdapTemplate> templates = new LinkedHashMap<>();

    public LdapTargets(LdapSinkProperties props, BridgeProperties bridge, SinkProperties sinks) {
        this.props = props;
        this.bridge = bridge;
        this.sinks = sinks;
        props.targets().forEach((name, t) -> templates.put(name, template(t)));
    }

    public static String templateName(String target) {
        return "ldap-template-" + target;
    }

    public static String searchName(String target) {
        return "ldap-search-" + target;
    }

    public static String pollRouteId(String target) {
        return "sink-ldap-poll-" + target;
    }

    /** The target names that some directory feeds, in configuration order. */
    public List<String> activeTargets() {
        List<String> out = new ArrayList<>();
        for (String name : props.targets().keySet()) {
            if (!directoriesOf(name).isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    /** The directories that name this target in their sinks. */
    public List<String> directoriesOf(String target) {
        List<String> dirs = new ArrayList<>();
        bridge.directories().entrySet().stream()
                .filter(e -> e.getValue().sinks().contains(target))
                .map(Map.Entry::getKey).sorted().forEach(dirs::add);
        return dirs;
    }

    public LdapTemplate template(String target) {
        return templates.get(target);
    }

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        props.targets().forEach((name, t) -> {
            camelContext.getRegistry().bind(templateName(name), templates.get(name));
            camelContext.getRegistry().bind(searchName(name), jndiEnvironment(t));
        });
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        if (!sinks.pollers()) {
            LOG.info("LDAP sink pollers off (scim-bridge.sinks.pollers=false)");
            return;
        }
        for (String target : activeTargets()) {
            try {
                camelContext.addRouteFromTemplate(pollRouteId(target), "sink-ldap-poll", Map.of("target", target));
                LOG.info("LDAP sink {} feeds from directories {} into {}", target, directoriesOf(target),
                        props.target(target).url());
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the LDAP sink poller of " + target, e);
            }
        }
    }

    static LdapTemplate template(LdapSinkProperties.Target t) {
        LdapContextSource source = new LdapContextSource();
        source.setUrl(t.url());
        if (!t.bindDn().isBlank()) {
            source.setUserDn(t.bindDn());
            source.setPassword(t.password());
        } else {
            source.setAnonymousReadOnly(false);
        }
        source.setPooled(true);
        source.setBaseEnvironmentProperties(Map.of(
                "com.sun.jndi.ldap.connect.timeout", "3000",
                "com.sun.jndi.ldap.read.timeout", "15000"));
        source.afterPropertiesSet();
        LdapTemplate template = new LdapTemplate(source);
        template.setIgnorePartialResultException(true);
        return template;
    }

    static Hashtable<String, Object> jndiEnvironment(LdapSinkProperties.Target t) {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, t.url());
        if (!t.bindDn().isBlank()) {
            env.put(Context.SECURITY_AUTHENTICATION, "simple");
            env.put(Context.SECURITY_PRINCIPAL, t.bindDn());
            env.put(Context.SECURITY_CREDENTIALS, t.password());
        }
        env.put("com.sun.jndi.ldap.connect.timeout", "3000");
        env.put("com.sun.jndi.ldap.read.timeout", "15000");
        // camel-ldap opens an InitialDirContext per search and closes it: with the JDK's LDAP connection pool the
        // close hands the connection back instead of a TCP + bind round trip per search (two searches per
        // change). A connection the server dropped (restart, outage) is taken out of the pool by the JDK.
        env.put("com.sun.jndi.ldap.connect.pool", "true");
        return env;
    }
}
