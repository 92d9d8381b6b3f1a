package io.streamsight.alert.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamsight.alert.AlertKind;
import io.streamsight.alert.ReceivedAlert;
import io.streamsight.alert.latency.DetectionLatency;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The fan-out's Prometheus metrics. Receivers are labelled by type ({@code sse}, {@code webhook},
 * {@code alertmanager}) and name (the subscription id for webhooks).
 */
@ApplicationScoped
public class AlertMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> deliveredCounters = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencyTimers = new ConcurrentHashMap<>();

    private final DetectionLatency detection;

    public AlertMetrics(MeterRegistry registry, DetectionLatency detection) {
        this.registry = registry;
        this.detection = detection;
    }

    public void received(AlertKind kind) {
        Counter.builder("streamsight.alerts.received")
                .description("Alerts read from Kafka, duplicates excluded")
                .tag("kind", kind.wireName())
                .register(registry)
                .increment();
    }

    public void duplicate(AlertKind kind) {
        Counter.builder("streamsight.alerts.duplicates")
                .description("Alerts dropped because their alert_id was already seen")
                .tag("kind", kind.wireName())
                .register(registry)
                .increment();
    }

    public void malformed(String topic) {
        Counter.builder("streamsight.alerts.malformed")
                .description("Alert records that could not be read")
                .tag("topic", topic)
                .register(registry)
                .increment();
    }

    /**
     * {@code copies} receivers of one type and name (one webhook; every matching SSE client at
     * once) have the alert: counted, its delivery latency since its arrival on Kafka recorded once,
     * and its detection latency since its transaction's arrival (see {@link DetectionLatency}).
     */
    public void delivered(String receiverType, String receiver, ReceivedAlert alert, int copies) {
        deliveredCounters
                .computeIfAbsent(
                        receiverType + "/" + receiver,
                        k -> Counter.builder("streamsight.alerts.delivered")
                                .description("Alerts delivered, per receiver")
                                .tags("receiver_type", receiverType, "receiver", receiver)
                                .register(registry))
                .increment(copies);
        Duration sinceArrival = Duration.between(alert.arrivedAt(), Instant.now());
        latencyTimers
                .computeIfAbsent(
                        receiverType,
                        type -> Timer.builder("streamsight.alert.delivery.latency")
                                .description("From the alert's arrival on Kafka to its delivery")
                                .tag("receiver_type", type)
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofMillis(1))
                                .maximumExpectedValue(Duration.ofHours(1))
                                .register(registry))
                .record(sinceArrival.isNegative() ? Duration.ZERO : sinceArrival);
        detection.delivered(receiverType, alert);
    }

    public void failedAttempt(String receiverType, String receiver) {
        Counter.builder("streamsight.alert.delivery.failures")
                .description("Failed delivery attempts, per receiver")
                .tags("receiver_type", receiverType, "receiver", receiver)
                .register(registry)
                .increment();
    }

    public void deadLettered(String receiverType, String receiver) {
        Counter.builder("streamsight.alerts.dead.lettered")
                .description("Alerts given up on and written to alert_deliveries_dlq, per receiver")
                .tags("receiver_type", receiverType, "receiver", receiver)
                .register(registry)
                .increment();
    }

    public void slowSseClient() {
        Counter.builder("streamsight.sse.slow.clients.closed")
                .description(
                        "SSE clients closed because they fell further behind than streamsight.feed.client-buffer-bytes")
                .register(registry)
                .increment();
    }

    public void sseClients(Supplier<Number> connected) {
        Gauge.builder("streamsight.sse.clients", connected, c -> c.get().doubleValue())
                .description("Connected Server-Sent Events clients")
                .strongReference(true)
                .register(registry);
    }
}
