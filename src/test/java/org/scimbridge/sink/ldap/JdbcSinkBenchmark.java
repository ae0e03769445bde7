package org.scimbridge.sink.ldap;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.scimbridge.sink.SinkFeedStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Measurements, not a test: not matched by Surefire's name patterns, run by hand with
 * {@code mvn -o test -Dtest=JdbcSinkBenchmark [-Dbench.burst=5000]}. The store of record and the receiving
 * database are both in-memory H2 (no network, no fsync), so this is the sink's own cost per change: feed read,
 * camel-sql update + insert, position commit. Prints entries/s for a burst of user creates, then of updates.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:jdbcbench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
        "scim-bridge.embedded-ldap.enabled=false",
        "scim-bridge.directories.demo.sinks=",
        "scim-bridge.directories.bench.token=bench-token",
        "scim-bridge.directories.bench.sinks=bench-jdbc",
        "scim-bridge.sinks.bench-jdbc.type=jdbc",
        "scim-bridge.sinks.bench-jdbc.url=jdbc:h2:mem:jdbcbench-target;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DB_CLOSE_DELAY=-1",
        "scim-bridge.sinks.bench-jdbc.username=sa",
        "scim-bridge.sinks.bench-jdbc.initialize-schema=true",
        "scim-bridge.stream.poll-delay-ms=50"
})
class JdbcSinkBenchmark {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    SinkFeedStore feedStore;

    @Test
    void measure() {
        FeedWriter feed = new FeedWriter(jdbc, tx);
        int burst = Integer.getInteger("bench.burst", 5000);
        String run = UUID.randomUUID().toString().substring(0, 6);
        // warm-up: the JIT, the pools, the route's endpoints
        long warm = feedStore.head("bench");
        for (int i = 0; i < 500; i++) {
            feed.user("bench", "CREATE", LdapSinkTestBase.user(UUID.randomUUID().toString(), "w" + i + "." + run,
                    "War", "Mup"));
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5))
                .until(() -> feedStore.position("bench-jdbc", "bench") >= warm + 500);

        List<String> ids = new java.util.ArrayList<>();
        for (String phase : List.of("CREATE", "UPDATE")) {
            long before = feedStore.head("bench");
            for (int i = 0; i < burst; i++) {
                if (phase.equals("CREATE")) {
                    ids.add(UUID.randomUUID().toString());
                }
                var u = LdapSinkTestBase.user(ids.get(i), "b" + i + "." + run, "Bur", "St");
                u.put("title", phase);
                feed.user("bench", phase, u);
            }
            long start = System.nanoTime();
            await().atMost(Duration.ofSeconds(600)).pollInterval(Duration.ofMillis(5))
                    .until(() -> feedStore.position("bench-jdbc", "bench") >= before + burst);
            double secs = (System.nanoTime() - start) / 1e9;
            System.out.printf("BENCH jdbc burst %d user %s applied in %.2f s: %.0f entries/s%n", burst,
                    phase.toLowerCase(), secs, burst / secs);
        }
    }
}
