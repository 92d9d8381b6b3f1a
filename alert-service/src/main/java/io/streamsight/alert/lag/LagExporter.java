package io.streamsight.alert.lag;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamsight.alert.config.KafkaConnection;
import io.streamsight.alert.kafka.GroupAssignment;
import io.streamsight.events.ConsumerLagAlert;
import io.streamsight.events.EventJson;
import io.streamsight.events.MalformedEventException;
import io.streamsight.events.Topic;
import io.streamsight.kafka.TopicFollower;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Polls the cluster every {@code streamsight.lag.interval} on a thread of its own, keeps the
 * latest {@link LagSnapshot} for {@code GET /lag} and updates the metrics, on every replica. The
 * replica that consumes {@code lag_alerts} (one partition, so one replica of the
 * {@code alert-service} group) also raises the lag alerts: it publishes them to that topic, and
 * they come back through the intake like fraud and sensor alerts, deduplicated, on every
 * replica's feed, delivered once. Taking the partition over, it first reads what was raised
 * before, so an alert still firing is not raised again. A failed poll or publish is logged and
 * counted; the next poll runs on schedule.
 */
@ApplicationScoped
public class LagExporter {

    private static final Logger LOG = Logger.getLogger(LagExporter.class);
    private static final TopicPartition RAISING = new TopicPartition(Topic.LAG_ALERTS.topicName(), 0);
    private static final Duration READ_BACK = Duration.ofSeconds(30);

    private final LagConfig config;
    private final KafkaConnection kafka;
    private final LagMetrics metrics;
    private final LagTracker tracker;
    private final LagAlertPolicy alertPolicy = new LagAlertPolicy();
    private volatile LagSnapshot latest;
    private volatile boolean raising;
    private volatile boolean restoreFirst;
    private ScheduledExecutorService scheduler;
    private Admin admin;
    private KafkaProducer<String, String> writer;
    private LagPoller poller;

    public LagExporter(LagConfig config, KafkaConnection kafka, LagMetrics metrics) {
        this.config = config;
        this.kafka = kafka;
        this.metrics = metrics;
        this.tracker = new LagTracker(
                config.clusterName(), config.window(), config.interpolationPoints(), config.groupExpiry());
        this.latest = LagSnapshot.empty(config.clusterName());
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        admin = kafka.admin("alert-service-lag-exporter");
        writer = kafka.writer("alert-service-lag-alerts");
        poller = new LagPoller(
                admin,
                Pattern.compile(config.include()),
                Pattern.compile(config.exclude().orElse("(?!)")),
                config.timeout(),
                Clock.systemUTC());
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
            writer.close(Duration.ofSeconds(5));
        }
    }

    /** Called on the intake's consumer thread at each rebalance. */
    void assignment(@Observes GroupAssignment assignment) {
        if (assignment.revoked().contains(RAISING)) {
            raising = false;
            LOG.info("lag_alerts handed to another replica: lag alerts are raised there");
        }
        if (assignment.assigned().contains(RAISING)) {
            restoreFirst = true;
            raising = true;
            LOG.info("lag_alerts assigned here: this replica raises the lag alerts");
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
            if (raising) {
                raise(snapshot);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            metrics.pollFailed();
            LOG.warnf("Consumer lag poll failed: %s", e.toString());
        }
    }

    private void raise(LagSnapshot snapshot) throws Exception {
        if (restoreFirst) {
            List<ConsumerLagAlert> before = raisedBefore();
            alertPolicy.restore(before);
            restoreFirst = false;
            LOG.infof("Lag alert state restored from %d earlier lag alerts", before.size());
        }
        for (ConsumerLagAlert alert : alertPolicy.evaluate(snapshot)) {
            try {
                writer.send(new ProducerRecord<>(Topic.LAG_ALERTS.topicName(), alert.group(), EventJson.write(alert)))
                        .get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // The policy counted it as raised: learn again from the topic what really was, and raise the rest next
                // poll.
                restoreFirst = true;
                throw e;
            }
            LOG.infof(
                    "Lag alert %s: group %s %s (max lag %d)",
                    alert.alertType(), alert.group(), alert.status() == null ? "gone" : alert.status(), alert.maxLag());
        }
    }

    private List<ConsumerLagAlert> raisedBefore() throws InterruptedException {
        List<ConsumerLagAlert> raised = new CopyOnWriteArrayList<>();
        TopicFollower<String, byte[]> follower = TopicFollower.of(
                        () -> kafka.reader("alert-service-lag-alerts-restore"), List.of(Topic.LAG_ALERTS.topicName()))
                .start(record -> {
                    try {
                        raised.add(EventJson.read(record.value(), ConsumerLagAlert.class));
                    } catch (MalformedEventException e) {
                        LOG.warnf("Skipping a malformed lag alert at offset %d: %s", record.offset(), e.getMessage());
                    }
                });
        try {
            if (!follower.awaitCaughtUp(READ_BACK)) {
                throw new IllegalStateException(
                        Topic.LAG_ALERTS.topicName() + " not read up to its end within " + READ_BACK);
            }
        } finally {
            follower.close();
        }
        return List.copyOf(raised);
    }
}
