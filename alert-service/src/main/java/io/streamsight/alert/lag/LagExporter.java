package io.streamsight.alert.lag;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamsight.alert.Alert;
import io.streamsight.alert.ReceivedAlert;
import io.streamsight.alert.ReceivedAlert.SourceOffset;
import io.streamsight.alert.config.KafkaConnection;
import io.streamsight.alert.delivery.FanOut;
import io.streamsight.alert.feed.AlertFeed;
import io.streamsight.alert.metrics.AlertMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.jboss.logging.Logger;

/**
 * Polls the cluster every {@code streamsight.lag.interval} on a thread of its own, keeps the
 * latest {@link LagSnapshot} for {@code GET /lag}, updates the metrics, and sends the lag alerts
 * the snapshot raises through the same feed and fan-out as fraud and sensor alerts. A failed poll
 * is logged and counted; the next one runs on schedule.
 */
@ApplicationScoped
public class LagExporter {

    private static final Logger LOG = Logger.getLogger(LagExporter.class);
    /** The lag alerts' pseudo partition in the feed: SSE event ids resume from it like from a topic's. */
    static final String FEED_SOURCE = "consumer_lag";

    private final LagConfig config;
    private final KafkaConnection kafka;
    private final LagMetrics metrics;
    private final AlertMetrics alertMetrics;
    private final AlertFeed feed;
    private final FanOut fanOut;
    private final LagTracker tracker;
    private final LagAlertPolicy alertPolicy = new LagAlertPolicy();
    private volatile LagSnapshot latest;
    private ScheduledExecutorService scheduler;
    private Admin admin;
    private LagPoller poller;
    private long lastFeedPosition;

    public LagExporter(LagConfig config, KafkaConnection kafka, LagMetrics metrics, AlertMetrics alertMetrics, AlertFeed feed,
            FanOut fanOut) {
        this.config = config;
        this.kafka = kafka;
        this.metrics = metrics;
        this.alertMetrics = alertMetrics;
        this.feed = feed;
        this.fanOut = fanOut;
        this.tracker = new LagTracker(config.clusterName(), config.window(), config.interpolationPoints(), config.groupExpiry());
        this.latest = LagSnapshot.empty(config.clusterName());
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        admin = kafka.admin("alert-service-lag-exporter");
        poller = new LagPoller(admin, Pattern.compile(config.include()),
                Pattern.compile(config.exclude().orElse("(?!)")), config.timeout(), Clock.systemUTC());
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "lag-exporter");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::pollOnce, 0, config.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
            admin.close(Duration.ofSeconds(5));
        }
    }

    public LagSnapshot latest() {
        return latest;
    }

    private void pollOnce() {
        long started = System.nanoTime();
        try {
            LagSnapshot snapshot = tracker.update(poller.poll());
            latest = snapshot;
            metrics.polled(snapshot, Duration.ofNanos(System.nanoTime() - started));
            alertPolicy.evaluate(snapshot).forEach(this::raise);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            metrics.pollFailed();
            LOG.warnf("Consumer lag poll failed: %s", e.toString());
        }
    }

    /** Lag alerts are made here, not read from Kafka: there is no offset to commit once they are delivered. */
    private void raise(Alert alert) {
        lastFeedPosition = Math.max(lastFeedPosition + 1, alert.detectedAt().toEpochMilli());
        ReceivedAlert received = new ReceivedAlert(alert, new SourceOffset(FEED_SOURCE, 0, lastFeedPosition), Instant.now());
        LOG.infof("Lag alert %s: %s", alert.alertType(), alert.details());
        alertMetrics.received(alert.kind());
        feed.publish(received);
        fanOut.dispatch(received, () -> { });
    }
}
