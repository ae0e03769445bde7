package org.scimbridge.sink.ldap;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.scimbridge.sink.SinkFeedStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measurements, not a test: not matched by Surefire's name patterns, run by hand against slapd with
 * {@code SCIM_BRIDGE_TEST_LDAP_URL=ldap://127.0.0.1:3890 mvn -o test -Dtest=LdapSinkBenchmark}.
 * Prints sync lag (feed commit to position moved, i.e. LDAP confirmed) at a steady write rate, and sink
 * throughput for a burst of user creates.
 */
@EnabledIfEnvironmentVariable(named = "SCIM_BRIDGE_TEST_LDAP_URL", matches = "ldap://.+")
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:ldapslapd;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "scim-bridge.embedded-ldap.enabled=false",
        "scim-bridge.directories.demo.sinks=",
        "scim-bridge.directories.slapd.token=slapd-token",
        "scim-bridge.directories.slapd.sinks=ldap-slapd",
        "scim-bridge.stream.poll-period-ms=50",
        "scim-bridge.stream.poll-delay-ms=50",
        "scim-bridge.stream.initial-backoff-ms=50",
        "scim-bridge.stream.max-backoff-ms=500",
        "scim-bridge.stream.transient-retries=3",
        "scim-bridge.stream.refusals-before-park=3",
        "scim-bridge.sinks.ldap-slapd.type=ldap",
        "scim-bridge.sinks.ldap-slapd.url=${SCIM_BRIDGE_TEST_LDAP_URL}",
        "scim-bridge.sinks.ldap-slapd.bind-dn=cn=admin,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd.password=admin",
        "scim-bridge.sinks.ldap-slapd.base-dn=dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd.people-base=ou=people,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd.groups-base=ou=groups,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd.disabled-base=ou=disabled,dc=example,dc=org",
        "scim-bridge.sinks.ldap-slapd.empty-group-member=cn=admin,dc=example,dc=org"
})
class LdapSinkBenchmark {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    SinkFeedStore feedStore;

    @Test
    void measure() throws Exception {
        FeedWriter feed = new FeedWriter(jdbc, tx);
        String run = LdapSinkTestBase.uid().substring(0, 6);
        int rate = Integer.getInteger("bench.rate", 20);
        int seconds = Integer.getInteger("bench.seconds", 15);
        int burst = Integer.getInteger("bench.burst", 1000);

        // steady rate: one user create every 1000/rate ms; a watcher notes when the position passes each seq
        Map<Long, Long> written = new ConcurrentHashMap<>();
        Map<Long, Long> applied = new ConcurrentHashMap<>();
        Thread watcher = new Thread(() -> {
            long seen = feedStore.position("ldap-slapd", "slapd");
            while (!Thread.currentThread().isInterrupted()) {
                long p = feedStore.position("ldap-slapd", "slapd");
                long now = System.nanoTime();
                for (long s = seen + 1; s <= p; s++) {
                    applied.putIfAbsent(s, now);
                }
                seen = Math.max(seen, p);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        watcher.start();
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < rate * seconds; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long t0 = System.nanoTime();
            long seq = feed.user("slapd", "CREATE", LdapSinkTestBase.user("s" + i + "-" + run + "-pad",
                    "steady" + i + "." + run, "Stea", "Dy"));
            written.put(seq, t0);
            next += interval;
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> applied.keySet().containsAll(written.keySet()));
        watcher.interrupt();
        List<Double> lags = new ArrayList<>();
        written.forEach((seq, t) -> lags.add((applied.get(seq) - t) / 1e6));
        Collections.sort(lags);
        System.out.printf("BENCH steady %d/s for %d s: %d changes, lag ms p50=%.1f p95=%.1f max=%.1f%n", rate, seconds,
                lags.size(), lags.get(lags.size() / 2), lags.get((int) (lags.size() * 0.95)), lags.get(lags.size() - 1));

        // burst: write N creates (and, with bench.groups, that many groups of bench.group-size of those users,
        // as the initial load of issue 10.1), then time until the sink confirmed all of them
        int groups = Integer.getInteger("bench.groups", 0);
        int groupSize = Integer.getInteger("bench.group-size", 100);
        long before = feedStore.head("slapd");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            String id = "b" + i + "-" + run + "-pad";
            ids.add(id);
            feed.user("slapd", "CREATE", LdapSinkTestBase.user(id, "burst" + i + "." + run, "Bur", "St"));
        }
        for (int g = 0; g < groups; g++) {
            List<String> members = new ArrayList<>();
            for (int m = 0; m < groupSize; m++) {
                members.add(ids.get((g * groupSize + m) % ids.size()));
            }
            String gid = "g" + g + "-" + run;
            feed.group("slapd", "CREATE", LdapSinkTestBase.group(gid, "Burst " + g + " " + run), members, List.of());
        }
        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(1800)).pollInterval(Duration.ofMillis(5))
                .until(() -> feedStore.position("ldap-slapd", "slapd") >= before + burst + groups);
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("BENCH burst %d user creates and %d groups of %d applied in %.2f s: %.0f entries/s%n", burst,
                groups, groupSize, secs, (burst + groups) / secs);
    }
}
