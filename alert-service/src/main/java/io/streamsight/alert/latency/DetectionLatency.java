package io.streamsight.alert.latency;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsight.alert.ReceivedAlert;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How long detection takes end to end, measured from the moment the transaction an alert was
 * detected in reached Kafka (its record timestamp, carried on the alert record as the
 * {@code source.timestamp} header) to the moment alert-service has the alert ({@code received})
 * and to the moment a receiver has it ({@code delivered}, per receiver type). Both ends are
 * broker or local clocks on one machine; alerts without the header (sensor and lag alerts,
 * stateful fraud rules) are not counted.
 *
 * <p>Two Micrometer timers per stage: a Prometheus histogram ({@code
 * streamsight_detection_latency_seconds_bucket}) for {@code histogram_quantile} over any range, and,
 * in a registry of its own that nothing scrapes, client-side percentiles over a sliding
 * {@link #WINDOW} for the dashboard and {@code GET /latency} (exposed together, the quantile series
 * would make the histogram invalid exposition for Prometheus).
 */
@ApplicationScoped
public class DetectionLatency {

    /** The span the dashboard's p50 / p99 / max cover: Micrometer rotates its percentile buffers over it. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    public static final String RECEIVED = "received";
    public static final String DELIVERED = "delivered";

    /** One stage's numbers over the last {@link #WINDOW} (percentiles null before any); count is since start. */
    public record StageLatency(
            String stage, String receiverType, long count, Double p50Ms, Double p99Ms, double maxMs) {}

    private final MeterRegistry registry;
    private final MeterRegistry windowRegistry = new SimpleMeterRegistry();
    private final Map<String, Timer> histograms = new ConcurrentHashMap<>();
    private final Map<String, Timer> windows = new ConcurrentHashMap<>();

    public DetectionLatency(MeterRegistry registry) {
        this.registry = registry;
    }

    /** alert-service has read the alert from Kafka. */
    public void received(ReceivedAlert alert) {
        record(RECEIVED, "none", alert);
    }

    /** A receiver of {@code receiverType} ({@code sse}, {@code webhook}, {@code alertmanager}) has the alert. */
    public void delivered(String receiverType, ReceivedAlert alert) {
        record(DELIVERED, receiverType, alert);
    }

    /** Every stage seen so far, received first. */
    public List<StageLatency> snapshot() {
        List<StageLatency> stages = new ArrayList<>();
        windows.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            Timer timer = entry.getValue();
            HistogramSnapshot snapshot = timer.takeSnapshot();
            Double p50 = null;
            Double p99 = null;
            // The max decays with the window; zero means no alert in it, and then no percentile either.
            ValueAtPercentile[] percentiles =
                    snapshot.max() > 0 ? snapshot.percentileValues() : new ValueAtPercentile[0];
            for (ValueAtPercentile value : percentiles) {
                if (value.percentile() == 0.5) {
                    p50 = value.value(TimeUnit.MILLISECONDS);
                } else if (value.percentile() == 0.99) {
                    p99 = value.value(TimeUnit.MILLISECONDS);
                }
            }
            stages.add(new StageLatency(
                    timer.getId().getTag("stage"),
                    timer.getId().getTag("receiver_type"),
                    snapshot.count(),
                    p50,
                    p99,
                    snapshot.max(TimeUnit.MILLISECONDS)));
        });
        return stages;
    }

    private void record(String stage, String receiverType, ReceivedAlert alert) {
        Instant sourced = alert.sourcedAt();
        if (sourced == null) {
            return;
        }
        Duration elapsed = Duration.between(sourced, Instant.now());
        Duration latency = elapsed.isNegative() ? Duration.ZERO : elapsed;
        String key = stage + "/" + receiverType;
        histograms
                .computeIfAbsent(
                        key,
                        k -> timer(stage, receiverType)
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofMillis(1))
                                .maximumExpectedValue(Duration.ofMinutes(10))
                                .register(registry))
                .record(latency);
        windows.computeIfAbsent(
                        key,
                        k -> timer(stage, receiverType)
                                .publishPercentiles(0.5, 0.99)
                                .percentilePrecision(2)
                                .distributionStatisticExpiry(WINDOW)
                                .distributionStatisticBufferLength(5)
                                .register(windowRegistry))
                .record(latency);
    }

    private static Timer.Builder timer(String stage, String receiverType) {
        return Timer.builder("streamsight.detection.latency")
                .description("From the transaction reaching Kafka to its alert received by alert-service or delivered")
                .tags("stage", stage, "receiver_type", receiverType);
    }
}
