package io.streamsight.bench.generator;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamsight.events.Topic;
import io.streamsight.generator.metrics.GeneratorMetrics;
import io.streamsight.generator.publish.EventPublisher;
import io.streamsight.generator.scenario.ScenarioRun;
import io.streamsight.generator.scenario.ScenarioSpec;
import io.streamsight.generator.scenario.ScenarioStatus;
import io.streamsight.generator.synth.EventStream;
import io.streamsight.generator.synth.TopicRecord;
import io.streamsight.localstack.broker.EmbeddedKafka;
import io.streamsight.localstack.broker.KafkaTools;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The generator at full speed against Kafka's own ProducerPerformance, in one run on one
 * embedded broker: same topic, same record size (the mean size of a generated transaction,
 * key included), acks=all and idempotence for both. Ours runs the service's own code path:
 * event generation, JSON, the bounded idempotent producer and the Micrometer meters.
 *
 * <pre>./mvnw -q -pl bench/generator compile exec:exec [-Dbench.records=1000000 -Dbench.rounds=2]</pre>
 */
public final class GeneratorBenchmark {

    private static final Pattern PERF_SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency");
    private static final double TARGET_RATIO = 0.8;
    private static final long SEED = 20261125L;

    private GeneratorBenchmark() {}

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        long records = Long.parseLong(options.getOrDefault("--records", "1000000"));
        int rounds = Integer.parseInt(options.getOrDefault("--rounds", "2"));
        int recordSize = meanTransactionSize();
        warmUpGeneration();
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            System.out.printf(
                    "broker %s; %d records of %d bytes per run, acks=all, enable.idempotence=true, %d rounds%n",
                    kafka.bootstrapServers(), records, recordSize, rounds);
            double referenceTotal = 0;
            double oursTotal = 0;
            for (int round = 1; round <= rounds; round++) {
                // Alternating the order (AB, BA, ...) cancels a drift in the machine's load.
                if (round % 2 == 1) {
                    referenceTotal += producerPerformance(kafka, records, recordSize);
                    oursTotal += generator(kafka, records, recordSize);
                } else {
                    oursTotal += generator(kafka, records, recordSize);
                    referenceTotal += producerPerformance(kafka, records, recordSize);
                }
            }
            double ratio = oursTotal / referenceTotal;
            System.out.printf(
                    "mean records/s: generator %.1f, ProducerPerformance %.1f%n",
                    oursTotal / rounds, referenceTotal / rounds);
            System.out.printf(
                    "ratio generator / ProducerPerformance = %.3f (target >= %.1f): %s%n",
                    ratio, TARGET_RATIO, ratio >= TARGET_RATIO ? "met" : "NOT met");
        }
    }

    private static double producerPerformance(EmbeddedKafka kafka, long records, int recordSize) {
        String output = KafkaTools.run(
                KafkaTools.PRODUCER_PERFORMANCE,
                List.of(
                        "--topic",
                        Topic.TRANSACTIONS.topicName(),
                        "--num-records",
                        Long.toString(records),
                        "--record-size",
                        Integer.toString(recordSize),
                        "--throughput",
                        "-1",
                        "--producer-props",
                        "bootstrap.servers=" + kafka.bootstrapServers(),
                        "acks=all",
                        "enable.idempotence=true"),
                Duration.ofMinutes(15));
        MatchResult summary = lastSummary(output);
        System.out.printf(
                "ProducerPerformance: %s records/s, %s MB/s, %s ms avg latency, %s ms max latency%n",
                summary.group(2), summary.group(3), summary.group(4), summary.group(5));
        return Double.parseDouble(summary.group(2));
    }

    private static double generator(EmbeddedKafka kafka, long records, int recordSize) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ScenarioStatus status;
        long elapsed;
        try (EventPublisher publisher = new EventPublisher(
                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                20_000,
                Duration.ofSeconds(30),
                new GeneratorMetrics(registry))) {
            ScenarioSpec fullSpeed = new ScenarioSpec(
                    List.of(Topic.TRANSACTIONS),
                    1e9,
                    records,
                    null,
                    0,
                    List.of(),
                    SEED,
                    EventStream.DEFAULT_USER_PREFIX,
                    Instant.parse("2026-11-25T00:00:00Z"));
            ScenarioRun run = new ScenarioRun("benchmark", fullSpeed, publisher);
            long start = System.nanoTime();
            run.run();
            elapsed = System.nanoTime() - start;
            status = run.status();
        }
        double rate = status.sent() * 1e9 / elapsed;
        Timer latency = registry.find("streamsight.generator.send.latency")
                .tag("topic", Topic.TRANSACTIONS.topicName())
                .timer();
        System.out.printf(
                "generator:           %.1f records/s, %.2f MB/s, %.2f ms avg latency, %.2f ms max latency,"
                        + " %d sent, %d errors%n",
                rate,
                rate * recordSize / (1024 * 1024),
                latency.mean(TimeUnit.MILLISECONDS),
                latency.max(TimeUnit.MILLISECONDS),
                status.sent(),
                status.errors());
        return rate;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    /**
     * Lets the JIT compile generation and JSON writing before anything is measured (without
     * touching the broker), as a long-running service has: ProducerPerformance has almost no
     * per-record work to warm up, so a cold first run would measure our JIT, not our throughput.
     */
    private static void warmUpGeneration() {
        EventStream stream =
                new EventStream(SEED + 1, EventStream.DEFAULT_USER_PREFIX, List.of(Topic.TRANSACTIONS), 0, List.of());
        long[] bytes = new long[1];
        Instant start = Instant.parse("2026-11-24T00:00:00Z");
        for (int i = 0; i < 500_000; i++) {
            stream.next(start.plusMillis(i), (TopicRecord r) -> bytes[0] += r.value().length);
        }
        System.out.printf("warm-up: generated 500000 transactions (%d bytes) without sending%n", bytes[0]);
    }

    /** Mean bytes (key plus JSON value) of the transactions the benchmark generates. */
    private static int meanTransactionSize() {
        EventStream sample =
                new EventStream(SEED, EventStream.DEFAULT_USER_PREFIX, List.of(Topic.TRANSACTIONS), 0, List.of());
        long[] bytes = new long[1];
        int samples = 10_000;
        for (int i = 0; i < samples; i++) {
            sample.next(
                    Instant.parse("2026-11-25T00:00:00Z").plusMillis(i),
                    (TopicRecord r) -> bytes[0] += r.key().length() + r.value().length);
        }
        return (int) Math.round((double) bytes[0] / samples);
    }

    /** ProducerPerformance prints progress lines of the same shape; the last one is the total. */
    private static MatchResult lastSummary(String output) {
        Matcher matcher = PERF_SUMMARY.matcher(output);
        MatchResult last = null;
        while (matcher.find()) {
            last = matcher.toMatchResult();
        }
        if (last == null) {
            throw new IllegalStateException("no summary line in ProducerPerformance's output:\n" + output);
        }
        return last;
    }
}
