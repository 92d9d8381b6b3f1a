package io.streamsight.alert.intake;

import io.streamsight.alert.config.AlertServiceConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The alert ids seen within the dedup window (by Kafka record time), bounded in size. It lives
 * in memory and is rebuilt from the alert topics themselves whenever partitions are assigned
 * (see {@link IntakeRecovery}), so a restart or a rebalance does not forget it.
 */
@ApplicationScoped
public class DedupWindow {

    private final Duration window;
    private final int maxEntries;
    private final LinkedHashMap<String, Instant> seen = new LinkedHashMap<>();

    @Inject
    public DedupWindow(AlertServiceConfig config) {
        this(config.dedup().window(), config.dedup().maxEntries());
    }

    DedupWindow(Duration window, int maxEntries) {
        this.window = window;
        this.maxEntries = maxEntries;
    }

    /** Records the id; true if it was not seen within the window. */
    public synchronized boolean firstSighting(String alertId, Instant at) {
        evictOlderThan(Instant.now().minus(window));
        if (seen.containsKey(alertId)) {
            return false;
        }
        seen.put(alertId, at);
        while (seen.size() > maxEntries) {
            Iterator<?> oldest = seen.entrySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    public Duration window() {
        return window;
    }

    private void evictOlderThan(Instant horizon) {
        Iterator<Map.Entry<String, Instant>> it = seen.entrySet().iterator();
        while (it.hasNext() && it.next().getValue().isBefore(horizon)) {
            it.remove();
        }
    }
}
