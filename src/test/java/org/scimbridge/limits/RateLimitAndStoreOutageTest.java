package org.scimbridge.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.scimbridge.store.FeedSequencer;
import org.scimbridge.testsupport.ExpectedLog;
import org.scimbridge.testsupport.InProcessBridge;
import org.scimbridge.testsupport.ScimAnswers;
import org.scimbridge.testsupport.ScimClient;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Issue 11.6: the optional per-directory rate limit answers 429 with {@code Retry-After} past its rate, for that
 * directory only. Issue 11.1: with the database out of reach (the pool cannot hand out a connection, as when
 * PostgreSQL is down; {@link Unreachable}) every SCIM request is 503 with {@code Retry-After}, not 500, and the
 * bridge serves again once it is back. One bridge of its own, since both need settings (and a pool) no other test
 * shares.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RateLimitAndStoreOutageTest {

    // the change feed's sequencer, running while the database is out of reach, says so and retries
    @RegisterExtension
    final ExpectedLog log = ExpectedLog.of(FeedSequencer.class)
            .expect("^numbering the change feed failed, will retry: CannotGetJdbcConnectionException");

    private static final int PER_SECOND = 3;
    private static ConfigurableApplicationContext context;
    private static InProcessBridge bridge;

    @BeforeAll
    static void start() {
        bridge = new InProcessBridge()
                .with("--scim-bridge.limits.requests-per-second-per-directory=" + PER_SECOND)
                .with("--scim-bridge.limits.retry-after=2s")
                .with("--scim-bridge.directories.other.token=other-token")
                .with("--scim-bridge.directories.other.sinks=");
        context = bridge.run(c -> c.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return name.equals("dataSource") && bean instanceof DataSource ds ? new Unreachable(ds) : bean;
            }
        }));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    @Order(1)
    void aDirectoryOverItsRateGets429WithRetryAfterAndAnotherDirectoryIsServed() throws Exception {
        ScimClient demo = new ScimClient(bridge.port, "demo", "demo-token");
        List<ScimClient.Response> burst = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(4 * PER_SECOND);
        try {
            List<Future<ScimClient.Response>> sent = new ArrayList<>();
            for (int i = 0; i < 4 * PER_SECOND; i++) {
                sent.add(clients.submit(() -> demo.get("/Users?count=1")));
            }
            for (Future<ScimClient.Response> r : sent) {
                burst.add(r.get());
            }
        } finally {
            clients.shutdownNow();
        }
        List<ScimClient.Response> limited = burst.stream().filter(r -> r.status() == 429).toList();
        assertThat(limited).as("a burst of %d in about a second", burst.size()).isNotEmpty();
        assertThat(burst.stream().filter(r -> r.status() == 200).count()).isGreaterThanOrEqualTo(PER_SECOND);
        for (ScimClient.Response r : limited) {
            assertThat(r.header("Retry-After")).isEqualTo("2");
            ScimAnswers.assertScimError(r.status(), r.header("Content-Type"), r.text(), "rate limited");
        }
        assertThat(new ScimClient(bridge.port, "other", "other-token").get("/Users?count=1").status())
                .isEqualTo(200);
    }

    @Test
    @Order(2)
    void withTheDatabaseOutOfReachEveryRequestIs503WithRetryAfterAndServedAgainAfter() throws Exception {
        ScimClient other = new ScimClient(bridge.port, "other", "other-token");
        Thread.sleep(1100); // a fresh second of the rate limit: the first test's request to "other" plus these three
        // would exceed it on a fast machine
        Unreachable.down = true;
        try {
            for (ScimClient.Response r : List.of(other.get("/Users?count=1"), other.get("/Users/some-id"),
                    other.post("/Users", "{\"userName\":\"outage@example.org\"}"))) {
                assertThat(r.status()).as(r.toString()).isEqualTo(503);
                assertThat(r.header("Retry-After")).isEqualTo("2");
                ScimAnswers.assertScimError(r.status(), r.header("Content-Type"), r.text(), "outage");
            }
        } finally {
            Unreachable.down = false;
        }
        Thread.sleep(1100); // the rate limit of the first test
        assertThat(other.post("/Users", "{\"userName\":\"outage@example.org\"}").status()).isEqualTo(201);
        // whether the sequencer polled during the outage is timing; if it did, it said only this
        assertThat(log.warnings()).allMatch(w -> w.startsWith(
                "numbering the change feed failed, will retry: CannotGetJdbcConnectionException"));
    }

    /**
     * The store's pool as it behaves with the database down: every connection request fails the way HikariCP fails
     * when it cannot reach the server within its connection timeout.
     */
    static final class Unreachable extends DelegatingDataSource {
        static volatile boolean down;

        Unreachable(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (down) {
                throw new SQLTransientConnectionException(
                        "HikariPool-1 - Connection is not available, request timed out after 1000ms.", "08001");
            }
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return getConnection();
        }
    }
}
