package org.scimbridge.sink.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.schema.Schema;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The embedded default LDAP server: UnboundID's {@link InMemoryDirectoryServer} on loopback, with the base entry
 * and the people, groups and disabled OUs, so the quick start can {@code ldapsearch -x -H ldap://localhost:1389
 * -b dc=example,dc=org} without installing a directory. Its data lives in memory only: a restart starts it
 * empty, and the sink refills it from the store when its stream starts ({@link LdapWatermark}).
 *
 * <p>Off with {@code scim-bridge.embedded-ldap.enabled=false}. If the port is taken (another bridge, or a test
 * context, already runs one) it logs why and does not start, rather than failing the whole application.
 */
@Component
@ConditionalOnProperty(prefix = "scim-bridge.embedded-ldap", name = "enabled", havingValue = "true",
        matchIfMissing = true)
public class EmbeddedLdapServer {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedLdapServer.class);
    private static final String LISTENER = "ldap";

    /**
     * {@code scim-bridge.embedded-ldap.*}.
     *
     * @param port     1389 by default
     * @param baseDn   {@code dc=example,dc=org}
     * @param bindDn   the administrator DN the sink binds as ({@code cn=admin,dc=example,dc=org})
     * @param password its password ({@code admin}: the server listens on loopback only)
     * @param ous      OUs created under the base ({@code people}, {@code groups}, {@code disabled})
     */
    @ConfigurationProperties(prefix = "scim-bridge.embedded-ldap")
    public record Properties(boolean enabled, int port, String baseDn, String bindDn, String password,
                             List<String> ous) {
        public Properties {
            port = port == 0 ? 1389 : port;
            baseDn = baseDn == null ? "dc=example,dc=org" : baseDn;
            bindDn = bindDn == null ? "cn=admin," + baseDn : bindDn;
            password = password == null ? "admin" : password;
            ous = ous == null || ous.isEmpty() ? List.of("people", "groups", "disabled") : List.copyOf(ous);
        }
    }

    private final Properties props;
    private InMemoryDirectoryServer server;

    public EmbeddedLdapServer(Properties props) {
        this.props = props;
    }

    @PostConstruct
    public void start() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(props.baseDn());
        // UnboundID's standard schema lacks RFC 2307 (nis); slapd setups for posixGroup load it, so do we
        config.setSchema(Schema.mergeSchemas(Schema.getDefaultStandardSchema(), new Schema(new Entry(
                "dn: cn=schema",
                "objectClass: top",
                "objectClass: ldapSubentry",
                "objectClass: subschema",
                "cn: schema",
                "attributeTypes: ( 1.3.6.1.1.1.1.0 NAME 'uidNumber' EQUALITY integerMatch"
                        + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
                "attributeTypes: ( 1.3.6.1.1.1.1.1 NAME 'gidNumber' EQUALITY integerMatch"
                        + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
                "attributeTypes: ( 1.3.6.1.1.1.1.2 NAME 'gecos' EQUALITY caseIgnoreIA5Match"
                        + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.26 SINGLE-VALUE )",
                "attributeTypes: ( 1.3.6.1.1.1.1.3 NAME 'homeDirectory' EQUALITY caseExactIA5Match"
                        + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.26 SINGLE-VALUE )",
                "attributeTypes: ( 1.3.6.1.1.1.1.4 NAME 'loginShell' EQUALITY caseExactIA5Match"
                        + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.26 SINGLE-VALUE )",
                "attributeTypes: ( 1.3.6.1.1.1.1.12 NAME 'memberUid' EQUALITY caseExactIA5Match"
                        + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.26 )",
                // the attributes of the disable strategies of real directories (LdapTarget.DisableStrategy), as
                // operational attributes any entry may hold: on slapd (ppolicy) and 389-DS they are operational;
                // on AD LDS they come with the user class, which the embedded server does not have
                // (pwdAccountLockedTime is a GeneralizedTime on slapd; UnboundID's parser refuses the year 0000 of
                // ppolicy's "locked for good" value, so here it is a string)
                "attributeTypes: ( 1.3.6.1.4.1.42.2.27.8.1.17 NAME 'pwdAccountLockedTime' EQUALITY caseIgnoreMatch"
                        + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE USAGE directoryOperation )",
                "attributeTypes: ( 2.16.840.1.113730.3.1.610 NAME 'nsAccountLock' EQUALITY caseIgnoreMatch"
                        + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.15 SINGLE-VALUE USAGE directoryOperation )",
                "attributeTypes: ( 1.2.840.113556.1.4.8 NAME 'userAccountControl' EQUALITY integerMatch"
                        + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE USAGE directoryOperation )",
                "attributeTypes: ( 1.2.840.113556.1.4.1853 NAME 'msDS-UserAccountDisabled' EQUALITY booleanMatch"
                        + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.7 SINGLE-VALUE USAGE directoryOperation )",
                "objectClasses: ( 1.3.6.1.1.1.2.0 NAME 'posixAccount' SUP top AUXILIARY"
                        + " MUST ( cn $ uid $ uidNumber $ gidNumber $ homeDirectory )"
                        + " MAY ( userPassword $ loginShell $ gecos $ description ) )",
                "objectClasses: ( 1.3.6.1.1.1.2.2 NAME 'posixGroup' SUP top STRUCTURAL"
                        + " MUST ( cn $ gidNumber ) MAY ( userPassword $ memberUid $ description ) )"))));
        config.addAdditionalBindCredentials(props.bindDn(), props.password());
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig(LISTENER,
                InetAddress.getLoopbackAddress(), props.port(), null));
        server = new InMemoryDirectoryServer(config);
        RDN top = new com.unboundid.ldap.sdk.DN(props.baseDn()).getRDN();
        server.add("dn: " + props.baseDn(), "objectClass: top", "objectClass: domain",
                top.getAttributeNames()[0] + ": " + top.getAttributeValues()[0]);
        for (String ou : props.ous()) {
            server.add("dn: ou=" + ou + "," + props.baseDn(), "objectClass: top", "objectClass: organizationalUnit",
                    "ou: " + ou);
        }
        try {
            server.startListening();
            LOG.info("embedded LDAP server on ldap://localhost:{} with base {} (bind {} / scim-bridge.embedded-ldap"
                    + ".password)", props.port(), props.baseDn(), props.bindDn());
        } catch (LDAPException e) {
            LOG.warn("embedded LDAP server not started: port {} is taken ({}); set scim-bridge.embedded-ldap.port "
                    + "or .enabled=false", props.port(), e.getMessage());
            server = null;
        }
    }

    /** For outage tests: stop answering (the data stays). */
    public void stopListening() {
        server.shutDown(LISTENER, true);
    }

    /** For outage tests: answer again, on the same port, with the same data. */
    public void startListening() throws LDAPException {
        server.startListening(LISTENER);
    }

    public InMemoryDirectoryServer server() {
        return server;
    }

    public Properties properties() {
        return props;
    }

    @PreDestroy
    public void stop() {
        if (server != null) {
            server.shutDown(true);
        }
    }
}
