package io.streamsight.alert.intake;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.streamsight.alert.Alert;
import io.streamsight.alert.ReceivedAlert;
import io.streamsight.alert.ReceivedAlert.SourceOffset;
import io.streamsight.alert.delivery.FanOut;
import io.streamsight.alert.latency.DetectionLatency;
import io.streamsight.alert.metrics.AlertMetrics;
import io.streamsight.events.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code fraud_alerts} and {@code sensor_alerts} in the {@code alert-service} consumer
 * group, drops ids already seen, and hands each new alert to the webhook / Alertmanager fan-out.
 * The group splits the partitions between replicas, so each alert is delivered by one replica
 * however many run; the live feed reads every partition on every replica apart from this
 * (feed.FeedFollower). A record is acknowledged (its offset becomes
 * committable) only once every receiver is done with it, so a crash never loses an alert that some
 * receiver had not yet got; after a restart such alerts are delivered again, with the same
 * idempotency key.
 */
@ApplicationScoped
public class AlertIntake {

    private static final Logger LOG = Logger.getLogger(AlertIntake.class);

    private final DedupWindow dedup;
    private final FanOut fanOut;
    private final AlertMetrics metrics;
    private final DetectionLatency latency;

    public AlertIntake(DedupWindow dedup, FanOut fanOut, AlertMetrics metrics, DetectionLatency latency) {
        this.dedup = dedup;
        this.fanOut = fanOut;
        this.metrics = metrics;
        this.latency = latency;
    }

    @Incoming("alerts")
    public CompletionStage<Void> receive(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> record =
                message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        Optional<ReceivedAlert> received = read(record, message.getPayload());
        if (received.isEmpty()) {
            return message.ack();
        }
        Alert alert = received.get().alert();
        if (!dedup.firstSighting(alert.alertId(), received.get().arrivedAt())) {
            metrics.duplicate(alert.kind());
            LOG.debugf(
                    "Dropping duplicate alert %s from %s",
                    alert.alertId(), received.get().source());
            return message.ack();
        }
        metrics.received(alert.kind());
        latency.received(received.get());
        fanOut.dispatch(received.get(), message::ack);
        return CompletableFuture.completedFuture(null);
    }

    /** Empty for a record that is not an alert; those are logged, counted and skipped. */
    private Optional<ReceivedAlert> read(IncomingKafkaRecordMetadata<?, ?> record, byte[] value) {
        SourceOffset source = new SourceOffset(record.getTopic(), record.getPartition(), record.getOffset());
        try {
            return AlertDecoder.decode(source, record.getTimestamp(), record.getHeaders(), value);
        } catch (MalformedEventException e) {
            LOG.warnf("Skipping malformed alert at %s: %s", source, e.getMessage());
            metrics.malformed(record.getTopic());
            return Optional.empty();
        }
    }
}
