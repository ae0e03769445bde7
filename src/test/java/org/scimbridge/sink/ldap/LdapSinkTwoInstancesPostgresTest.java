package org.scimbridge.sink.ldap;

import org.scimbridge.sink.SinkCatalog;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.scimbridge.ScimBridgeApplication;
import org.scimbridge.sink.SinkFeedStore;
import org.scimbridge.store.FeedSequencer;
import org.scimbridge.sink.SinkMetrics;
import org.scimbridge.sink.StreamBusyException;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two bridges ("instances": two Spring contexts in one JVM) on one PostgreSQL, both feeding one LDAP server (an
 * UnboundID in-memory server on a free port, outside both contexts so that it outlives either). Each
 * (sink, directory) stream is leased to one of them at a time.
 */
@EnabledIfEnvironmentVariable(named = "SCIM_BRIDGE_TEST_PG_URL", matches = ".+")
class LdapSinkTwoInstancesPostgresTest {

    static final String SINK = "ldap-ha";
    static final String PEOPLE = "ou=people,dc=example,dc=org";
    static final String GROUPS = "ou=groups,dc=example,dc=org";

    final String run = UUID.randomUUID().toString().substring(0, 8);
    /** Each test its own directory, so runs against the same database never see each other's feed. */
    final String directory = "ha-" + run;
    final int ldapPort = LdapSinkTestBase.freePort();

    EmbeddedLdapServer ldapServer;
    ConfigurableApplicationContext a;
    ConfigurableApplicationContext b;
    SinkFeedStore store;
    FeedWriter feed;
    LDAPConnection ldap;

    @BeforeEach
    void start() throws Exception {
        ldapServer = new EmbeddedLdapServer(new EmbeddedLdapServer.Properties(true, ldapPort, "dc=example,dc=org",
                "cn=admin,dc=example,dc=org", "admin", List.of("people", "groups", "disabled")));
        ldapServer.start();
        a = instance("instance-a");
        b = instance("instance-b");
        DriverManagerDataSource ds = new DriverManagerDataSource(System.getenv("SCIM_BRIDGE_TEST_PG_URL"),
                System.getenv("SCIM_BRIDGE_TEST_PG_USER"), System.getenv("SCIM_BRIDGE_TEST_PG_PASSWORD"));
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        store = new SinkFeedStore(jdbc, new FeedSequencer(jdbc, tx, null, 200));
        feed = new FeedWriter(jdbc, tx);
        ldap = new LDAPConnection("localhost", ldapPort);
    }

    @AfterEach
    void stop() {
        if (ldap != null) {
            ldap.close();
        }
        for (ConfigurableApplicationContext c : new ConfigurableApplicationContext[] {a, b}) {
            if (c != null && c.isActive()) {
                c.close();
            }
        }
        if (ldapServer != null) {
            ldapServer.stop();
        }
    }

    ConfigurableApplicationContext instance(String name) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.datasource.url", System.getenv("SCIM_BRIDGE_TEST_PG_URL"));
        p.put("spring.datasource.username", System.getenv("SCIM_BRIDGE_TEST_PG_USER"));
        p.put("spring.datasource.password", System.getenv("SCIM_BRIDGE_TEST_PG_PASSWORD"));
        p.put("server.port", "0");
        p.put("camel.springboot.name", name);
        p.put("scim-bridge.embedded-ldap.enabled", "false");
        p.put("scim-bridge.directories.demo.sinks", "");
        p.put("scim-bridge.directories." + directory + ".token", "ha-token");
        p.put("scim-bridge.directories." + directory + ".sinks", SINK);
        p.put("scim-bridge.stream.instance-id", name + "-" + run);
        p.put("scim-bridge.stream.lease-ms", "3000");
        p.put("management.server.port", "0");   // two instances on one host: a management port each
        p.put("scim-bridge.stream.poll-period-ms", "50");
        p.put("scim-bridge.stream.poll-delay-ms", "50");
        p.put("scim-bridge.stream.batch-size", "10");
        p.put("scim-bridge.stream.initial-backoff-ms", "20");
        p.put("scim-bridge.stream.max-backoff-ms", "200");
        p.put("scim-bridge.stream.transient-retries", "3");
        p.put("scim-bridge.stream.refusals-before-park", "3");
        String t = "scim-bridge.sinks." + SINK + ".";
        p.put(t + "type", "ldap");
        p.put(t + "url", "ldap://localhost:" + ldapPort);
        p.put(t + "bind-dn", "cn=admin,dc=example,dc=org");
        p.put(t + "password", "admin");
        p.put(t + "base-dn", "dc=example,dc=org");
        p.put(t + "people-base", PEOPLE);
        p.put(t + "groups-base", GROUPS);
        p.put(t + "disabled-base", "ou=disabled,dc=example,dc=org");
        // as command-line arguments: they win over application.yaml (default properties would not)
        return new SpringApplicationBuilder(ScimBridgeApplication.class)
                .run(p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    /** Users created, updated four times (title v1..v4) and added to one group: 6 changes per user, plus 1. */
    List<String> writeStream(int users, String tag) {
        String g = UUID.randomUUID().toString();
        String groupName = "HA " + tag + " " + run;
        feed.group(directory, "CREATE", LdapSinkTestBase.group(g, groupName), List.of(), List.of());
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            String id = UUID.randomUUID().toString();
            String userName = "ha" + tag + i + "." + run;
            uids.add(userName);
            Map<String, Object> u = LdapSinkTestBase.user(id, userName, "Ha", "User" + i);
            feed.user(directory, "CREATE", u);
            for (int v = 1; v <= 4; v++) {
                u.put("title", "v" + v);
                feed.user(directory, "UPDATE", u);
            }
            feed.group(directory, "UPDATE", LdapSinkTestBase.group(g, groupName), List.of(id), List.of());
        }
        return uids;
    }

    String holder() {
        return store.lease(SINK, directory).map(SinkFeedStore.Lease::owner).orElse(null);
    }

    static double applied(ConfigurableApplicationContext c) {
        return c.getBean(SinkMetrics.class).count(SINK, "applied");
    }

    void assertConverged(List<String> uids, String tag) throws Exception {
        List<String> dns = new ArrayList<>();
        for (String uid : uids) {
            String dn = "uid=" + uid + "," + PEOPLE;
            Entry e = ldap.getEntry(dn);
            assertThat(e).as(dn).isNotNull();
            assertThat(e.getAttributeValue("title")).as("the last update of %s won: its changes applied in order", uid)
                    .isEqualTo("v4");
            dns.add(dn);
        }
        Entry group = ldap.getEntry("cn=HA " + tag + " " + run + "," + GROUPS);
        assertThat(group.getAttributeValues("member")).containsExactlyInAnyOrderElementsOf(dns);
        assertThat(store.parkedCount(SINK)).isZero();
    }

    @Test
    void theOtherInstanceTakesOverWhenTheHolderStopsMidStreamAndEveryChangeIsAppliedOnce() throws Exception {
        // the whole stream is in the feed before either instance starts on it
        for (ConfigurableApplicationContext c : List.of(a, b)) {
            c.getBean(CamelContext.class).getRouteController().stopRoute(SinkCatalog.streamRouteId(SINK));
        }
        List<String> uids = writeStream(60, "s");
        long head = store.head(directory);
        assertThat(head).isEqualTo(361);
        for (ConfigurableApplicationContext c : List.of(a, b)) {
            c.getBean(CamelContext.class).getRouteController().startRoute(SinkCatalog.streamRouteId(SINK));
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                .until(() -> store.position(SINK, directory) >= 30);
        String first = holder();
        assertThat(first).isIn("instance-a-" + run, "instance-b-" + run);
        ConfigurableApplicationContext stopping = first.startsWith("instance-a") ? a : b;
        ConfigurableApplicationContext other = stopping == a ? b : a;
        assertThat(applied(other)).as("the instance without the lease applied nothing").isZero();
        SinkMetrics stoppedMetrics = stopping.getBean(SinkMetrics.class);
        stopping.close();
        double appliedByFirst = stoppedMetrics.count(SINK, "applied");
        assertThat(store.position(SINK, directory)).as("stopped mid-stream").isLessThan(head);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> store.position(SINK, directory) == head);
        assertThat(holder()).isEqualTo(other.getEnvironment().getProperty("scim-bridge.stream.instance-id"));
        assertThat(applied(other)).as("the other instance went on").isPositive();
        assertThat(appliedByFirst + applied(other)).as("each change committed exactly once, by one of them")
                .isEqualTo((double) head);
        assertConverged(uids, "s");
    }

    @Test
    void anExpiredLeaseIsTakenOverAndAnUnexpiredOneIsNot() throws Exception {
        List<String> first = writeStream(5, "x");
        await().atMost(Duration.ofSeconds(30)).until(() -> store.position(SINK, directory) == store.head(directory));
        String owner = holder();
        ConfigurableApplicationContext hung = owner.startsWith("instance-a") ? a : b;
        ConfigurableApplicationContext other = hung == a ? b : a;

        // the holder stops polling without giving the lease back, as a hung or kill -9'd bridge would
        hung.getBean(CamelContext.class).getRouteController().stopRoute(SinkCatalog.streamRouteId(SINK));
        long stoppedAt = store.position(SINK, directory);
        // as if it had renewed its lease just before it hung, for long enough to outlast writing the stream
        long until = store.claim(SINK, directory, owner, Duration.ofSeconds(8)).orElseThrow().toEpochMilli();
        List<String> more = writeStream(5, "y");

        // sample (position, then database time) until the other instance has applied everything
        List<long[]> samples = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            long position = store.position(SINK, directory);
            samples.add(new long[] {store.dbNow().toEpochMilli(), position});
            return position == store.head(directory);
        });
        List<long[]> whileLeased = samples.stream().filter(x -> x[0] < until).toList();
        assertThat(whileLeased).as("sampled while the hung instance's lease ran").isNotEmpty();
        assertThat(whileLeased).as("while the lease ran, the other instance left the stream alone")
                .allSatisfy(x -> assertThat(x[1]).isEqualTo(stoppedAt));
        assertThat(holder()).isEqualTo(other.getEnvironment().getProperty("scim-bridge.stream.instance-id"));
        List<String> all = new ArrayList<>(first);
        all.addAll(more);
        for (String uid : all) {
            assertThat(ldap.getEntry("uid=" + uid + "," + PEOPLE).getAttributeValue("title")).isEqualTo("v4");
        }
        assertThat(store.parkedCount(SINK)).isZero();
    }

    @Test
    void aRepairOnTheInstanceWithoutTheStreamIsRefusedAndWritesNothing() throws Exception {
        List<String> uids = writeStream(3, "r");
        await().atMost(Duration.ofSeconds(30)).until(() -> store.position(SINK, directory) == store.head(directory));
        ConfigurableApplicationContext holder = holder().startsWith("instance-a") ? a : b;
        ConfigurableApplicationContext other = holder == a ? b : a;

        // the store of this directory is empty (the feed was written directly): a repair would delete every entry
        assertThatThrownBy(() -> other.getBean(LdapReconciler.class).reconcile(SINK, directory, false, line -> { }))
                .isInstanceOf(StreamBusyException.class).hasMessageContaining("is held by " + holder());
        for (String uid : uids) {
            assertThat(ldap.getEntry("uid=" + uid + "," + PEOPLE)).as("%s left alone", uid).isNotNull();
        }
        assertThat(holder.getBean(LdapReconciler.class).reconcile(SINK, directory, true, line -> { }).count(
                LdapWrite.Unbind.class)).as("the dry run on the holder sees the drift").isGreaterThanOrEqualTo(3);
    }
}
