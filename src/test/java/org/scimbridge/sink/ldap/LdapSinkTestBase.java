package org.scimbridge.sink.ldap;

import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.scimbridge.sink.SinkFeedStore;
import org.scimbridge.sink.WebhookReceiver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One Spring context for every LDAP sink test class (same properties, same dynamic port), with the embedded
 * UnboundID server on a free port and an in-memory H2 store. Tests write feed rows with {@link FeedWriter} and
 * read the directory back over LDAP. Metrics export is on as in production (Spring Boot tests turn it off), so
 * {@code /actuator/prometheus} answers (GrafanaDashboardMetricsTest).
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ldapsink;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "scim-bridge.embedded-ldap.ous=people,groups,disabled,people2,groups2,people3,groups3,disabled3,people4,"
                + "groups4,disabled4,people5,groups5,disabled5,people6,groups6,disabled6,people7,groups7,"
                + "people8,groups8,people9,groups9,people10,groups10,people11,groups11,people12,groups12,"
                + "people13,groups13",
        // a directory of its own for the mass-change guard test, with a small limit
        "scim-bridge.directories.guarded.token=guarded-token",
        "scim-bridge.directories.guarded.sinks=ldap-guarded",
        "scim-bridge.sinks.ldap-guarded.type=ldap",
        "scim-bridge.sinks.ldap-guarded.url=ldap://localhost:${scim-bridge.embedded-ldap.port}",
        "scim-bridge.sinks.ldap-guarded.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-guarded.password=admin",
        "scim-bridge.sinks.ldap-guarded.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-guarded.people-base=ou=people7,dc=example,dc=org",
        "scim-bridge.sinks.ldap-guarded.groups-base=ou=groups7,dc=example,dc=org",
        "scim-bridge.sinks.ldap-guarded.disable.strategy=delete",
        "scim-bridge.sinks.ldap-guarded.mass-change.max-count=5",
        "scim-bridge.admin-token=" + LdapSinkTestBase.ADMIN_TOKEN,
        // Hawtio on the management port, behind the admin token (HawtioTest, SinksPageBrowserTest)
        "scim-bridge.hawtio.enabled=true",
        "scim-bridge.stream.poll-period-ms=50",
        "scim-bridge.stream.poll-delay-ms=50",
        "scim-bridge.stream.initial-backoff-ms=20",
        "scim-bridge.stream.max-backoff-ms=200",
        "scim-bridge.stream.transient-retries=3",
        "scim-bridge.stream.refusals-before-park=3",
        "scim-bridge.stream.watermark-check-ms=200",
        // a second directory into a second target: posixGroup and the attribute disable strategy
        "scim-bridge.directories.posix.token=posix-token",
        "scim-bridge.directories.posix.sinks=ldap-posix",
        "scim-bridge.sinks.ldap-posix.type=ldap",
        "scim-bridge.sinks.ldap-posix.url=ldap://localhost:${scim-bridge.embedded-ldap.port}",
        "scim-bridge.sinks.ldap-posix.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-posix.password=admin",
        "scim-bridge.sinks.ldap-posix.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-posix.people-base=ou=people2,dc=example,dc=org",
        "scim-bridge.sinks.ldap-posix.groups-base=ou=groups2,dc=example,dc=org",
        "scim-bridge.sinks.ldap-posix.group-style=posix-group",
        "scim-bridge.sinks.ldap-posix.posix-gid-start=5000",
        "scim-bridge.sinks.ldap-posix.disable.strategy=attribute",
        "scim-bridge.sinks.ldap-posix.disable.attribute=description",
        "scim-bridge.sinks.ldap-posix.disable.value=locked",
        // ... whose users are posixAccounts (LdapSinkPosixAccountTest)
        "scim-bridge.sinks.ldap-posix.posix-account.enabled=true",
        "scim-bridge.sinks.ldap-posix.posix-account.uid-number-start=20000",
        "scim-bridge.sinks.ldap-posix.posix-account.uid-number-end=29999",
        "scim-bridge.sinks.ldap-posix.posix-account.gid-number=100",
        "scim-bridge.sinks.ldap-posix.posix-account.home-directory=/srv/home/{uid}",
        "scim-bridge.sinks.ldap-posix.posix-account.login-shell=/bin/zsh",
        // the demo directory also feeds a JDBC sink (an H2 database of its own)
        "scim-bridge.directories.demo.sinks=ldap-default,legacy",
        "scim-bridge.sinks.legacy.type=jdbc",
        "scim-bridge.sinks.legacy.url=jdbc:h2:mem:legacy;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "scim-bridge.sinks.legacy.username=sa",
        "scim-bridge.sinks.legacy.initialize-schema=true",
        // a directory of its own for the reconcile tests, into a target with bases of its own
        "scim-bridge.directories.recon.token=recon-token",
        "scim-bridge.directories.recon.sinks=ldap-recon",
        "scim-bridge.sinks.ldap-recon.type=ldap",
        "scim-bridge.sinks.ldap-recon.url=ldap://localhost:${scim-bridge.embedded-ldap.port}",
        "scim-bridge.sinks.ldap-recon.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-recon.password=admin",
        "scim-bridge.sinks.ldap-recon.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-recon.people-base=ou=people3,dc=example,dc=org",
        "scim-bridge.sinks.ldap-recon.groups-base=ou=groups3,dc=example,dc=org",
        "scim-bridge.sinks.ldap-recon.disabled-base=ou=disabled3,dc=example,dc=org",
        // a directory whose target forgets (LdapWatermarkTest)
        "scim-bridge.directories.refill.token=refill-token",
        "scim-bridge.directories.refill.sinks=ldap-refill",
        "scim-bridge.sinks.ldap-refill.type=ldap",
        "scim-bridge.sinks.ldap-refill.url=ldap://localhost:${scim-bridge.embedded-ldap.port}",
        "scim-bridge.sinks.ldap-refill.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-refill.password=admin",
        "scim-bridge.sinks.ldap-refill.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-refill.people-base=ou=people4,dc=example,dc=org",
        "scim-bridge.sinks.ldap-refill.groups-base=ou=groups4,dc=example,dc=org",
        "scim-bridge.sinks.ldap-refill.disabled-base=ou=disabled4,dc=example,dc=org",
        // a directory into two targets of its own, for feed retention (FeedRetentionTest)
        "scim-bridge.directories.retention.token=retention-token",
        "scim-bridge.directories.retention.sinks=ldap-retention-a,ldap-retention-b",
        "scim-bridge.sinks.ldap-retention-a.type=ldap",
        "scim-bridge.sinks.ldap-retention-a.url=ldap://localhost:${scim-bridge.embedded-ldap.port}",
        "scim-bridge.sinks.ldap-retention-a.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-retention-a.password=admin",
        "scim-bridge.sinks.ldap-retention-a.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-retention-a.people-base=ou=people5,dc=example,dc=org",
        "scim-bridge.sinks.ldap-retention-a.groups-base=ou=groups5,dc=example,dc=org",
        "scim-bridge.sinks.ldap-retention-a.disabled-base=ou=disabled5,dc=example,dc=org",
        "scim-bridge.sinks.ldap-retention-b.type=ldap",
        "scim-bridge.sinks.ldap-retention-b.url=ldap://localhost:${scim-bridge.embedded-ldap.port}",
        "scim-bridge.sinks.ldap-retention-b.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-retention-b.password=admin",
        "scim-bridge.sinks.ldap-retention-b.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-retention-b.people-base=ou=people6,dc=example,dc=org",
        "scim-bridge.sinks.ldap-retention-b.groups-base=ou=groups6,dc=example,dc=org",
        "scim-bridge.sinks.ldap-retention-b.disabled-base=ou=disabled6,dc=example,dc=org",
        // one directory into four targets, one per disable strategy of a real directory (LdapDisableStrategiesTest)
        "scim-bridge.directories.disables.token=disables-token",
        "scim-bridge.directories.disables.sinks=ldap-ppolicy,ldap-ns-lock,ldap-uac,ldap-adlds",
        "scim-bridge.sinks.ldap-ppolicy.type=ldap",
        "scim-bridge.sinks.ldap-ppolicy.url=ldap://localhost:${scim-bridge.embedded-ldap.port}",
        "scim-bridge.sinks.ldap-ppolicy.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-ppolicy.password=admin",
        "scim-bridge.sinks.ldap-ppolicy.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-ppolicy.people-base=ou=people8,dc=example,dc=org",
        "scim-bridge.sinks.ldap-ppolicy.groups-base=ou=groups8,dc=example,dc=org",
        "scim-bridge.sinks.ldap-ppolicy.disable.strategy=ppolicy",
        "scim-bridge.sinks.ldap-ns-lock.type=ldap",
        "scim-bridge.sinks.ldap-ns-lock.url=ldap://localhost:${scim-bridge.embedded-ldap.port}",
        "scim-bridge.sinks.ldap-ns-lock.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-ns-lock.password=admin",
        "scim-bridge.sinks.ldap-ns-lock.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-ns-lock.people-base=ou=people9,dc=example,dc=org",
        "scim-bridge.sinks.ldap-ns-lock.groups-base=ou=groups9,dc=example,dc=org",
        "scim-bridge.sinks.ldap-ns-lock.disable.strategy=ns-account-lock",
        "scim-bridge.sinks.ldap-uac.type=ldap",
        "scim-bridge.sinks.ldap-uac.url=ldap://localhost:${scim-bridge.embedded-ldap.port}",
        "scim-bridge.sinks.ldap-uac.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-uac.password=admin",
        "scim-bridge.sinks.ldap-uac.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-uac.people-base=ou=people10,dc=example,dc=org",
        "scim-bridge.sinks.ldap-uac.groups-base=ou=groups10,dc=example,dc=org",
        "scim-bridge.sinks.ldap-uac.disable.strategy=user-account-control",
        "scim-bridge.sinks.ldap-adlds.type=ldap",
        "scim-bridge.sinks.ldap-adlds.url=ldap://localhost:${scim-bridge.embedded-ldap.port}",
        "scim-bridge.sinks.ldap-adlds.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-adlds.password=admin",
        "scim-bridge.sinks.ldap-adlds.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-adlds.people-base=ou=people11,dc=example,dc=org",
        "scim-bridge.sinks.ldap-adlds.groups-base=ou=groups11,dc=example,dc=org",
        "scim-bridge.sinks.ldap-adlds.disable.strategy=ms-ds-user-account-disabled",
        // a directory into a target that gives each new user an initial password (LdapInitialPasswordTest)
        "scim-bridge.directories.passwords.token=passwords-token",
        "scim-bridge.directories.passwords.sinks=ldap-password",
        "scim-bridge.sinks.ldap-password.type=ldap",
        "scim-bridge.sinks.ldap-password.url=ldap://localhost:${scim-bridge.embedded-ldap.port}",
        "scim-bridge.sinks.ldap-password.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-password.password=admin",
        "scim-bridge.sinks.ldap-password.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-password.people-base=ou=people12,dc=example,dc=org",
        "scim-bridge.sinks.ldap-password.groups-base=ou=groups12,dc=example,dc=org",
        "scim-bridge.sinks.ldap-password.disable.strategy=attribute",
        "scim-bridge.sinks.ldap-password.initial-password.mode=ssha",
        "scim-bridge.reconcile.page-size=2",
        "scim-bridge.reconcile.progress-every=3",
        // a directory into two sinks written in YAML alone: the bundled webhook template, and a route loaded
        // from a folder of the test's own (src/test/resources/test-sinks), as a team adds one
        "camel.main.routes-include-pattern=file:routes/*.camel.yaml,classpath:test-sinks/*.camel.yaml",
        "scim-bridge.directories.events.token=events-token",
        "scim-bridge.directories.events.sinks=webhook,audit",
        "scim-bridge.sinks.webhook.type=route",
        "scim-bridge.sinks.webhook.template=webhook-sink",
        "scim-bridge.sinks.webhook.parameters.secret=" + LdapSinkTestBase.WEBHOOK_SECRET,
        "scim-bridge.sinks.audit.type=route",
        "scim-bridge.sinks.audit.include-previous=true"
})
abstract class LdapSinkTestBase {

    static final String ADMIN_TOKEN = "test-admin-token";
    static final String PEOPLE = "ou=people,dc=example,dc=org";
    static final String GROUPS = "ou=groups,dc=example,dc=org";
    static final String DISABLED = "ou=disabled,dc=example,dc=org";
    static final String PLACEHOLDER = "cn=admin,dc=example,dc=org";
    static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final int PORT = freePort();
    static final String WEBHOOK_SECRET = "whsec-test-2f9c";
    /** The webhook sink's receiver, up before the context so that the first deliveries find it. */
    static final WebhookReceiver WEBHOOK = webhookReceiver();
    /** Where the YAML-only audit sink of src/test/resources/test-sinks appends its lines. */
    static final Path AUDIT_DIR = tempDir();

    @DynamicPropertySource
    static void ports(DynamicPropertyRegistry registry) {
        registry.add("scim-bridge.embedded-ldap.port", () -> PORT);
        registry.add("scim-bridge.sinks.webhook.parameters.url", WEBHOOK::url);
        registry.add("audit.dir", AUDIT_DIR::toString);
    }

    private static WebhookReceiver webhookReceiver() {
        try {
            return new WebhookReceiver(WEBHOOK_SECRET);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("audit-sink");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    SinkFeedStore feedStore;
    @Autowired
    EmbeddedLdapServer embedded;
    @Autowired
    CamelContext camel;

    FeedWriter feed;
    LDAPConnection ldap;

    @BeforeEach
    void connect() throws LDAPException {
        feed = new FeedWriter(jdbc, tx);
        ldap = new LDAPConnection("localhost", PORT);
    }

    @AfterEach
    void disconnect() {
        if (ldap != null) {
            ldap.close();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String uid() {
        return UUID.randomUUID().toString();
    }

    /** Waits until the sink has applied (or parked) everything in the directory's feed. */
    void awaitCaughtUp(String sink, String directory) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> feedStore.position(sink, directory) == feedStore.head(directory));
    }

    void awaitDemo() {
        awaitCaughtUp("ldap-default", "demo");
    }

    Entry entry(String dn) throws LDAPException {
        return connection().getEntry(dn, "*", "+");
    }

    LDAPConnection connection() throws LDAPException {
        if (!ldap.isConnected()) {
            ldap.reconnect();
        }
        return ldap;
    }

    List<String> dnsUnder(String base, String filter) throws LDAPException {
        List<String> dns = new ArrayList<>();
        connection().search(base, SearchScope.ONE, filter).getSearchEntries().forEach(e -> dns.add(e.getDN()));
        return dns;
    }

    /** An Entra-shaped SCIM User as the feed carries it (the GET representation). */
    static Map<String, Object> user(String id, String userName, String given, String family) {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User", ENTERPRISE));
        u.put("id", id);
        u.put("externalId", "ext-" + id.substring(0, 8));
        u.put("userName", userName);
        u.put("name", Map.of("givenName", given, "familyName", family, "formatted", given + " " + family));
        u.put("displayName", given + " " + family);
        u.put("active", true);
        u.put("emails", List.of(Map.of("value", userName.replaceAll("[^A-Za-z0-9.@_-]", "") + "@example.com",
                "type", "work", "primary", true)));
        u.put("meta", Map.of("resourceType", "User"));
        return u;
    }

    static Map<String, Object> group(String id, String displayName) {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:Group"));
        g.put("id", id);
        g.put("displayName", displayName);
        g.put("meta", Map.of("resourceType", "Group"));
        return g;
    }
}
