package org.scimbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.scimbridge.scim.model.ScimJson;
import org.scimbridge.scim.schema.ResourceKind;
import org.scimbridge.store.ChangeFeedWriter.Operation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The change feed's write side, without a Spring context (H2: {@code ChangeFeedConcurrencyTest}, PostgreSQL:
 * {@code ChangeFeedConcurrencyPostgresTest}): writers of one directory do not
 * queue behind each other's commit (which is what kept PostgreSQL from flushing their commits together), and
 * the numbering still ends up gapless, in commit order, with no change lost or numbered twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChangeFeedConcurrencyContract {

    private final String DIRECTORY = "feed-dir";

    private JdbcTemplate jdbc;
    private TransactionTemplate tx;
    private ExecutorService pool;
    private ChangeFeedWriter feed;
    private FeedSequencer sequencer;

    @BeforeAll
    void store() {
        DriverManagerDataSource ds = dataSource();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        pool = Executors.newFixedThreadPool(8);
        feed = new ChangeFeedWriter(jdbc);
        sequencer = new FeedSequencer(jdbc, tx, null, 200);
    }

    @BeforeEach
    void emptyFeed() {
        jdbc.update("DELETE FROM scim_change WHERE directory_id = ?", DIRECTORY);
        jdbc.update("DELETE FROM scim_change_inbox WHERE directory_id = ?", DIRECTORY);
        jdbc.update("DELETE FROM scim_feed_head WHERE directory_id = ?", DIRECTORY);
        sequencer.ensureHead(DIRECTORY);
    }

    abstract DriverManagerDataSource dataSource();

    @AfterAll
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void writersOfOneDirectoryDoNotWaitForEachOthersCommit() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> slow = pool.submit(() -> tx.executeWithoutResult(s -> {
            append("slow");
            appended.countDown();
            await(release);
        }));
        try {
            assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> fast = pool.submit(() -> tx.executeWithoutResult(s -> append("fast")));
            fast.get(3, TimeUnit.SECONDS); // the old head row lock kept it waiting until the slow one committed
        } finally {
            release.countDown();
        }
        slow.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aChangeStillInFlightIsNumberedWhenItCommitsAndOneRolledBackLeavesNoGap() throws Exception {
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> slow = pool.submit(() -> tx.executeWithoutResult(s -> {
            append("slow");
            appended.countDown();
            await(release);
        }));
        assertThat(appended.await(10, TimeUnit.SECONDS)).isTrue();
        tx.executeWithoutResult(s -> append("fast"));
        tx.executeWithoutResult(s -> {
            append("rolled-back");
            s.setRollbackOnly();
        });
        assertThat(sequencer.sequence(DIRECTORY)).isEqualTo(1);
        assertThat(numbered()).containsExactly("1 fast");
        release.countDown();
        slow.get(10, TimeUnit.SECONDS);
        assertThat(sequencer.sequence(DIRECTORY)).isEqualTo(1);
        assertThat(numbered()).containsExactly("1 fast", "2 slow");
        assertThat(sequencer.unnumbered(DIRECTORY)).isZero();
    }

    @Test
    void concurrentWritersAndSequencersNumberEveryChangeOnceInOrderPerResource() throws Exception {
        int writers = 4;
        int versions = 25;
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String id = "resource-" + w;
            tasks.add(pool.submit(() -> {
                for (int v = 1; v <= versions; v++) {
                    long version = v;
                    tx.executeWithoutResult(s -> append(id, version));
                }
            }));
        }
        List<Future<?>> sequencers = new ArrayList<>();
        for (int q = 0; q < 2; q++) {
            sequencers.add(pool.submit(() -> {
                while (writing.get()) {
                    sequencer.sequence(DIRECTORY);
                    Thread.sleep(1);
                }
                return null;
            }));
        }
        for (Future<?> t : tasks) {
            t.get(60, TimeUnit.SECONDS);
        }
        writing.set(false);
        for (Future<?> q : sequencers) {
            q.get(60, TimeUnit.SECONDS);
        }
        sequencer.sequence(DIRECTORY);

        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT seq, resource_id, version FROM scim_change WHERE directory_id = ? ORDER BY seq", DIRECTORY);
        assertThat(rows).hasSize(writers * versions);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(((Number) rows.get(i).get("seq")).longValue()).isEqualTo(i + 1);
        }
        Map<Object, List<Long>> versionsBySeq = new HashMap<>();
        rows.forEach(r -> versionsBySeq.computeIfAbsent(r.get("resource_id"), k -> new ArrayList<>())
                .add(((Number) r.get("version")).longValue()));
        assertThat(versionsBySeq).hasSize(writers);
        versionsBySeq.values().forEach(v -> assertThat(v).isSorted().doesNotHaveDuplicates().hasSize(versions));
        assertThat(jdbc.queryForObject("SELECT last_seq FROM scim_feed_head WHERE directory_id = ?", Long.class,
                DIRECTORY)).isEqualTo((long) writers * versions);
    }

    private List<String> numbered() {
        return jdbc.query("SELECT seq, payload FROM scim_change WHERE directory_id = ? ORDER BY seq",
                (rs, i) -> rs.getLong(1) + " " + ScimJson.readStored(rs.getString(2)).at("/resource/userName").asText(),
                DIRECTORY);
    }

    private void append(String name) {
        append(UUID.randomUUID().toString(), 1, name);
    }

    private void append(String id, long version) {
        append(id, version, id);
    }

    private void append(String id, long version, String name) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        StoredResource user = new StoredResource(DIRECTORY, id, ResourceKind.USER,
                ScimJson.object().put("userName", name), version, now, now, null, null);
        feed.append(user, Operation.CREATE, ResourceRenderer.render(user, null), List.of(), List.of(), now);
    }

    private void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
