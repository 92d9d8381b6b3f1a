package io.streamsight.alert.quality;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.alert.config.KafkaConnection;
import io.streamsight.alert.triage.TriageStore;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.FraudGroundTruth;
import io.streamsight.events.MalformedEventException;
import io.streamsight.events.Topic;
import io.streamsight.kafka.StartPosition;
import io.streamsight.kafka.TopicFollower;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Precision and recall of the fraud rules against the generator's ground truth, or an analyst's
 * label where one exists ({@link TriageStore}), over a sliding window. Every replica reads all partitions of {@code fraud_alerts} and {@code fraud_ground_truth}
 * itself (no consumer group), from the start of the window on, so each one reports the same
 * figures, a restart rebuilds them from Kafka, and the alert fan-out is not involved.
 *
 * <p>Time is the Kafka record timestamp: the wall clock when the generator sent the ground truth
 * and when Spark wrote the alert. Event timestamps are simulated by the generator (a scenario may
 * start in the past), so they cannot be compared with a wall-clock window; arrival time would
 * change with every restart. Record timestamps are the same for every reader, so the figures can
 * be recomputed from the topics.
 *
 * <p>A snapshot walks every transaction in the window (120,000 at 200 tx/s over ten minutes), so
 * it is computed when asked for — {@code /quality}, a metrics scrape — and reused for a second,
 * not every second whether anyone looks or not: at 200 fraud alerts/s that walk was a tenth of
 * alert-service's CPU (bench/e2e profile, docs/benchmarks.md).
 */
@Startup
@ApplicationScoped
public class DetectionQuality implements TopicFollower.Listener<String, byte[]> {

    private static final Logger LOG = Logger.getLogger(DetectionQuality.class);
    private static final String ALERTS = Topic.FRAUD_ALERTS.topicName();
    private static final String GROUND_TRUTH = Topic.FRAUD_GROUND_TRUTH.topicName();
    private static final String SHADOW_ALERTS = Topic.FRAUD_SHADOW_ALERTS.topicName();
    private static final Duration REFRESH = Duration.ofSeconds(1);

    private final KafkaConnection kafka;
    private final AlertServiceConfig.Quality config;
    private final DetectionLedger ledger;
    private final QualityMetrics metrics;
    private final TriageStore labels;
    private TopicFollower<String, byte[]> follower;
    private volatile boolean caughtUp;
    /** The ledger's lock guards these two and the ledger itself. */
    private QualitySnapshot latest;

    private long lastRefresh;

    public DetectionQuality(
            KafkaConnection kafka, AlertServiceConfig config, MeterRegistry registry, TriageStore labels) {
        this.kafka = kafka;
        this.labels = labels;
        this.config = config.quality();
        this.ledger = new DetectionLedger(this.config.maxTransactions());
        this.metrics = new QualityMetrics(registry, this::current, ledger::size);
    }

    @PostConstruct
    void start() {
        follower = TopicFollower.of(
                        () -> kafka.reader("alert-service-quality"), List.of(ALERTS, SHADOW_ALERTS, GROUND_TRUTH))
                .from(StartPosition.since(horizon(Instant.now())))
                .start(this);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        follower.close();
    }

    /** Empty until both topics have been read up to where they ended at startup; at most a second old. */
    public Optional<QualitySnapshot> current() {
        if (!caughtUp) {
            return Optional.empty();
        }
        synchronized (ledger) {
            if (latest == null || System.nanoTime() - lastRefresh >= REFRESH.toNanos()) {
                refresh();
            }
            return Optional.of(latest);
        }
    }

    @Override
    public void record(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            if (record.topic().equals(SHADOW_ALERTS)) {
                FraudAlert alert = EventJson.read(record.value(), FraudAlert.class);
                synchronized (ledger) {
                    ledger.shadowAlert(alert.transactionId(), alert.rules(), record.timestamp());
                }
            } else if (record.topic().equals(ALERTS)) {
                FraudAlert alert = EventJson.read(record.value(), FraudAlert.class);
                synchronized (ledger) {
                    ledger.alert(alert.transactionId(), alert.rules(), record.timestamp());
                }
            } else {
                FraudGroundTruth truth = EventJson.read(record.value(), FraudGroundTruth.class);
                synchronized (ledger) {
                    ledger.groundTruth(truth.transactionId(), truth.pattern(), record.timestamp());
                }
            }
        } catch (MalformedEventException e) {
            // the alert intake already warns about a malformed alert; ground truth has no other reader here
            LOG.logf(
                    record.topic().equals(ALERTS) ? Logger.Level.DEBUG : Logger.Level.WARN,
                    "Detection quality: skipping unreadable record %s-%d@%d: %s",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    e.getMessage());
            metrics.skipped(record.topic());
        }
    }

    @Override
    public void caughtUp() {
        caughtUp = true;
        LOG.infof(
                "Detection quality: read %s and %s from %s on",
                ALERTS, GROUND_TRUTH, current().orElseThrow().windowStart());
    }

    /** Memory stays bounded by the window whether or not anyone asks for a snapshot. */
    @Override
    public void polled() {
        synchronized (ledger) {
            ledger.forgetBefore(horizon(Instant.now()));
        }
    }

    private void refresh() {
        lastRefresh = System.nanoTime();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant windowEnd = now.minus(config.settleDelay());
        ledger.forgetBefore(horizon(now));
        latest = ledger.snapshot(
                windowEnd.minus(config.window()), windowEnd, config.window(), config.settleDelay(), labels::fraud);
        metrics.watch(latest);
    }

    /** Records older than this cannot belong to a transaction in the window any more. */
    private Instant horizon(Instant now) {
        return now.minus(config.settleDelay()).minus(config.window()).minus(config.lateness());
    }
}
