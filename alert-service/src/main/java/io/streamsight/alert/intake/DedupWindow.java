package io.streamsight.alert.intake;

import io.streamsight.alert.config.AlertServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;

/**
 * The alert ids seen within the dedup window (by Kafka record time), bounded in size. It lives
 * in memory and is rebuilt from the alert topics themselves whenever partitions are assigned
 * (see {@link IntakeRecovery}), so a restart or a rebalance does not forget it.
 */
@ApplicationScoped
public class DedupWindow {

    private final Duration window;
    private final SeenIds seen;

    @Inject
    public DedupWindow(AlertServiceConfig config) {
        this(config.dedup().window(), config.dedup().maxEntries());
    }

    DedupWindow(Duration window, int maxEntries) {
        this.window = window;
        this.seen = new SeenIds(maxEntries);
    }

    /** Records the id; true if it was not seen within the window. */
    public synchronized boolean firstSighting(String alertId, Instant at) {
        seen.forgetSeenBefore(Instant.now().minus(window).toEpochMilli());
        return seen.add(alertId, at.toEpochMilli());
    }

    public Duration window() {
        return window;
    }
}
