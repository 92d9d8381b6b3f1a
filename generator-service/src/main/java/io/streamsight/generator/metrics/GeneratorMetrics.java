package io.streamsight.generator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.streamsight.events.Topic;
import io.streamsight.generator.publish.SendListener;
import io.streamsight.generator.scenario.ScenarioRun;
import io.streamsight.generator.synth.EventStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The generator's meters, named for Prometheus: {@code streamsight_generator_events_sent_total},
 * {@code streamsight_generator_send_errors_total}, {@code streamsight_generator_send_latency_seconds}
 * (a histogram) per topic, {@code streamsight_generator_scenario_progress_ratio} per scenario.
 * Per-topic meters exist from the start, so a topic with no traffic shows 0 rather than nothing.
 */
public final class GeneratorMetrics implements SendListener {

    private final MeterRegistry registry;
    private final Map<Topic, Counter> sent = new EnumMap<>(Topic.class);
    private final Map<Topic, Counter> errors = new EnumMap<>(Topic.class);
    private final Map<Topic, Timer> latency = new EnumMap<>(Topic.class);

    public GeneratorMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Topic topic : EventStream.PRODUCED_TOPICS) {
            Tags tags = Tags.of("topic", topic.topicName());
            sent.put(
                    topic,
                    Counter.builder("streamsight.generator.events.sent")
                            .description("Records acknowledged by Kafka")
                            .tags(tags)
                            .register(registry));
            errors.put(
                    topic,
                    Counter.builder("streamsight.generator.send.errors")
                            .description("Records that could not be sent")
                            .tags(tags)
                            .register(registry));
            latency.put(
                    topic,
                    Timer.builder("streamsight.generator.send.latency")
                            .description("Time from handing a record to the producer to its acknowledgement")
                            .tags(tags)
                            .publishPercentileHistogram()
                            .minimumExpectedValue(Duration.ofMillis(1))
                            .maximumExpectedValue(Duration.ofSeconds(30))
                            .register(registry));
        }
    }

    /** Shows how full the back-pressure bound is. */
    public void watchInFlight(IntSupplier inFlight) {
        Gauge.builder("streamsight.generator.records.in.flight", inFlight::getAsInt)
                .description("Records handed to the producer and not yet acknowledged")
                .register(registry);
    }

    @Override
    public void sent(Topic topic, long latencyNanos) {
        sent.get(topic).increment();
        latency.get(topic).record(latencyNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void failed(Topic topic, Exception error) {
        errors.get(topic).increment();
    }

    public void watch(ScenarioRun run) {
        Gauge.builder("streamsight.generator.scenario.progress", run, r -> {
                    Double progress = r.progress();
                    return progress == null ? Double.NaN : progress;
                })
                .description("Progress of a scenario towards its count or duration (NaN when it runs until stopped)")
                .baseUnit("ratio")
                .tag("scenario", run.id())
                .register(registry);
        Gauge.builder(
                        "streamsight.generator.scenario.generated.events",
                        run,
                        r -> r.status().generated())
                .description("Events a scenario has generated so far")
                .tag("scenario", run.id())
                .register(registry);
    }

    public void forget(ScenarioRun run) {
        registry.find("streamsight.generator.scenario.progress")
                .tag("scenario", run.id())
                .meters()
                .forEach(registry::remove);
        registry.find("streamsight.generator.scenario.generated.events")
                .tag("scenario", run.id())
                .meters()
                .forEach(registry::remove);
    }
}
