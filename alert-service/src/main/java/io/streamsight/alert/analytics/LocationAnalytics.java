package io.streamsight.alert.analytics;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.events.EventJson;
import io.streamsight.events.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The latest per-location windows from {@code transaction_analytics}, for the dashboard chart.
 * A window may be emitted several times as it fills (update mode): the latest version wins.
 */
@ApplicationScoped
public class LocationAnalytics {

    private static final Logger LOG = Logger.getLogger(LocationAnalytics.class);

    private final Duration history;
    private final Map<String, LocationWindow> windows = new TreeMap<>();
    private final BroadcastProcessor<LocationWindow> updates = BroadcastProcessor.create();

    public LocationAnalytics(AlertServiceConfig config) {
        this.history = config.analytics().history();
    }

    @Incoming("transaction-analytics")
    public void receive(String json) {
        LocationWindow window;
        try {
            window = EventJson.read(json, LocationWindow.class);
        } catch (MalformedEventException e) {
            LOG.warnf("Skipping unreadable transaction_analytics row: %s", e.getMessage());
            return;
        }
        if (window.location() == null || window.windowEnd() == null || window.windowStart() == null) {
            LOG.warnf("Skipping transaction_analytics row without location or window: %s", json);
            return;
        }
        synchronized (this) {
            windows.put(window.location() + "|" + window.windowStart(), window);
            Instant horizon = Instant.now().minus(history);
            windows.values().removeIf(w -> w.windowEnd().isBefore(horizon));
        }
        updates.onNext(window);
    }

    /** Windows still within the history, oldest first. */
    public synchronized List<LocationWindow> current() {
        List<LocationWindow> rows = new ArrayList<>(windows.values());
        rows.sort(Comparator.comparing(LocationWindow::windowEnd).thenComparing(LocationWindow::location));
        return rows;
    }

    public Multi<LocationWindow> updates() {
        return updates;
    }
}
