package org.scimbridge.feed;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.scimbridge.config.BridgeProperties;
import org.scimbridge.sink.SinkDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the change feed bounded: every {@code scim-bridge.feed.period} it deletes, per directory and in batches,
 * the changes older than {@code scim-bridge.feed.retention} that every sink fed by the directory has applied.
 *
 * <p>What "applied by every sink" means: the seq is at or below the lowest position of the directory's sinks. A
 * sink without a position yet counts as 0, so a sink that never ran, is stopped, or is far behind keeps every
 * change it still needs. The newest change of the directory always stays (the feed's head). {@link
 * FeedRetentionStore#trim} adds what a replay and an {@code include-previous} sink read again. A sink removed
 * from the configuration no longer holds changes back.
 */
@Component
public class FeedRetention {

    private static final Logger LOG = LoggerFactory.getLogger(FeedRetention.class);

    private final FeedRetentionStore store;
    private final FeedRetentionProperties props;
    private final BridgeProperties bridge;
    private final SinkDefinitions sinks;
    private final MeterRegistry meters;
    private ScheduledExecutorService timer;

    public FeedRetention(FeedRetentionStore store, FeedRetentionProperties props, BridgeProperties bridge,
                         SinkDefinitions sinks, MeterRegistry meters) {
        this.store = store;
        this.props = props;
        this.bridge = bridge;
        this.sinks = sinks;
        this.meters = meters;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "feed-retention");
            t.setDaemon(true);
            return t;
        });
        long period = props.period().toMillis();
        timer.scheduleWithFixedDelay(this::runSafely, period, period, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void runSafely() {
        try {
            trimAll(Instant.now().minus(props.retention()));
        } catch (RuntimeException e) {
            LOG.warn("feed retention: this run failed, the next one tries again: {}", e.toString());
        }
    }

    /** One run over every configured directory; the number of changes deleted. */
    public long trimAll(Instant cutoff) {
        long deleted = 0;
        for (String directory : bridge.directories().keySet()) {
            deleted += trim(directory, cutoff);
        }
        return deleted;
    }

    /** Deletes the directory's changes created before {@code cutoff} that no sink needs, in bounded batches. */
    public long trim(String directory, Instant cutoff) {
        long upTo = horizon(directory);
        long deleted = 0;
        for (int batch = 0; batch < props.maxBatches() && upTo > 0; batch++) {
            int n = store.trim(directory, upTo, cutoff, props.batchSize());
            deleted += n;
            if (n < props.batchSize()) {
                break;
            }
        }
        if (deleted > 0) {
            meters.counter("scim_bridge_feed_trimmed", "directory", directory).increment(deleted);
            LOG.info("feed retention: {} changes of directory {} up to #{} trimmed", deleted, directory, upTo);
        }
        return deleted;
    }

    /** The highest seq every sink of the directory has applied, and below the directory's head. */
    long horizon(String directory) {
        Map<String, Long> positions = store.positions(directory);
        long upTo = store.head(directory) - 1;
        for (String sink : sinksOf(directory)) {
            upTo = Math.min(upTo, positions.getOrDefault(sink, 0L));
        }
        return Math.max(upTo, 0);
    }

    private List<String> sinksOf(String directory) {
        Map<String, List<String>> bySink = new TreeMap<>();
        for (String sink : sinks.active()) {
            bySink.put(sink, sinks.directoriesOf(sink));
        }
        List<String> out = new ArrayList<>();
        bySink.forEach((sink, dirs) -> {
            if (dirs.contains(directory)) {
                out.add(sink);
            }
        });
        return out;
    }
}
