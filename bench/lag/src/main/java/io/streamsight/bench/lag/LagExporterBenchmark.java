package io.streamsight.bench.lag;

import io.streamsight.alert.lag.LagPoller;
import io.streamsight.alert.lag.LagSnapshot;
import io.streamsight.alert.lag.LagTracker;
import io.streamsight.alert.lag.OffsetsObservation;
import io.streamsight.alert.lag.OffsetsObservation.GroupOffsets;
import io.streamsight.localstack.broker.EmbeddedKafka;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The consumer-lag exporter on one embedded broker, beside its reference:
 * <ol>
 * <li>one poll plus evaluation ({@link LagPoller#poll} then {@link LagTracker#update}) of G groups, each
 *     with committed offsets on its own topic of P partitions, against the loop kafka_exporter runs
 *     through the same Admin API: list the groups, fetch each group's committed offsets (one request per
 *     group), then the end offsets of all their partitions, and sum the lag. Rounds alternate the order;
 *     both sides must find the same total lag;</li>
 * <li>the exporter's heap per tracked partition once its interpolation table and commit window are
 *     full, over synthetic observations (no broker).</li>
 * </ol>
 */
public final class LagExporterBenchmark {

    private static final String GROUP_PREFIX = "lag-bench-group-";
    private static final Pattern GROUPS = Pattern.compile(Pattern.quote(GROUP_PREFIX) + ".*");
    private static final int RECORDS_PER_PARTITION = 10;
    private static final int COMMITTED_PER_PARTITION = 5;
    private static final int WARM_UP_ROUNDS = 5;
    private static final int WINDOW = 10;
    private static final int TABLE_POINTS = 60;

    private LagExporterBenchmark() {}

    public static void main(String[] args) throws Exception {
        int groups = Integer.getInteger("bench.groups", 200);
        int partitionsPerGroup = Integer.getInteger("bench.partitionsPerGroup", 5);
        int rounds = Integer.getInteger("bench.rounds", 20);
        int memoryPartitions = Integer.getInteger("bench.memoryPartitions", 100_000);
        System.out.printf(
                "Java %s, %d cores, max heap %d MiB%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            long expectedLag = (long) groups * partitionsPerGroup * (RECORDS_PER_PARTITION - COMMITTED_PER_PARTITION);
            setUp(kafka.bootstrapServers(), admin, groups, partitionsPerGroup);
            System.out.printf(
                    "%d groups x %d partitions (%d partitions), expected total lag %d%n",
                    groups, partitionsPerGroup, groups * partitionsPerGroup, expectedLag);
            pollTimes(admin, rounds, expectedLag);
        }
        memoryPerPartition(memoryPartitions);
    }

    private static void setUp(String bootstrap, Admin admin, int groups, int partitionsPerGroup) throws Exception {
        List<NewTopic> topics = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            topics.add(new NewTopic(topic(g), partitionsPerGroup, (short) 1));
        }
        admin.createTopics(topics).all().get(5, TimeUnit.MINUTES);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer())) {
            for (int g = 0; g < groups; g++) {
                for (int p = 0; p < partitionsPerGroup; p++) {
                    for (int r = 0; r < RECORDS_PER_PARTITION; r++) {
                        producer.send(new ProducerRecord<>(topic(g), p, null, "record-" + r));
                    }
                }
            }
            producer.flush();
        }
        for (int g = 0; g < groups; g++) {
            Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
            for (int p = 0; p < partitionsPerGroup; p++) {
                commit.put(new TopicPartition(topic(g), p), new OffsetAndMetadata(COMMITTED_PER_PARTITION));
            }
            admin.alterConsumerGroupOffsets(GROUP_PREFIX + g, commit).all().get(1, TimeUnit.MINUTES);
        }
    }

    private static String topic(int group) {
        return "lag-bench-" + group;
    }

    private static void pollTimes(Admin admin, int rounds, long expectedLag) throws Exception {
        LagPoller poller =
                new LagPoller(admin, GROUPS, Pattern.compile("(?!)"), Duration.ofMinutes(1), Clock.systemUTC());
        LagTracker tracker = new LagTracker("bench", WINDOW, TABLE_POINTS, Duration.ofDays(7));
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
            ours(poller, tracker);
            reference(admin);
        }
        double[] oursMs = new double[rounds];
        double[] referenceMs = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            boolean oursFirst = i % 2 == 0;
            if (oursFirst) {
                oursMs[i] = timed(() -> check("ours", ours(poller, tracker), expectedLag));
                referenceMs[i] = timed(() -> check("reference", reference(admin), expectedLag));
            } else {
                referenceMs[i] = timed(() -> check("reference", reference(admin), expectedLag));
                oursMs[i] = timed(() -> check("ours", ours(poller, tracker), expectedLag));
            }
        }
        System.out.printf("%-72s %8s %8s %8s%n", "poll (ms), " + rounds + " rounds", "mean", "p50", "max");
        report("reference: listGroups + listConsumerGroupOffsets per group + listOffsets", referenceMs);
        report("ours: LagPoller.poll + LagTracker.update", oursMs);
        System.out.printf("ratio ours / reference (means) = %.2f%n", mean(oursMs) / mean(referenceMs));
    }

    private static long ours(LagPoller poller, LagTracker tracker) throws Exception {
        LagSnapshot snapshot = tracker.update(poller.poll());
        return snapshot.groups().stream()
                .mapToLong(LagSnapshot.GroupLag::sumLag)
                .sum();
    }

    /** kafka_exporter's calls, through the same Admin client: offsets group by group, then end offsets. */
    private static long reference(Admin admin) throws Exception {
        List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                .map(GroupListing::groupId)
                .filter(id -> GROUPS.matcher(id).matches())
                .toList();
        Map<TopicPartition, List<Long>> committed = new HashMap<>();
        for (String group : groups) {
            admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .forEach((partition, offset) -> committed
                            .computeIfAbsent(partition, p -> new ArrayList<>())
                            .add(offset.offset()));
        }
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        committed.keySet().forEach(p -> request.put(p, OffsetSpec.latest()));
        var ends = admin.listOffsets(request).all().get();
        long lag = 0;
        for (Map.Entry<TopicPartition, List<Long>> entry : committed.entrySet()) {
            long end = ends.get(entry.getKey()).offset();
            for (long offset : entry.getValue()) {
                lag += Math.max(0, end - offset);
            }
        }
        return lag;
    }

    private static void check(String side, long lag, long expected) {
        if (lag != expected) {
            throw new IllegalStateException(side + " found total lag " + lag + ", expected " + expected);
        }
    }

    private interface Step {
        void run() throws Exception;
    }

    private static double timed(Step step) throws Exception {
        long start = System.nanoTime();
        step.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void report(String name, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "%-72s %8.1f %8.1f %8.1f%n", name, mean(ms), sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    /**
     * Heap held by the tracker per partition with one group on it, once its interpolation table
     * (60 points) and commit window (10 commits) are full: the difference in used heap after full
     * collections, before the first update and after the last, divided by the partition count.
     */
    private static void memoryPerPartition(int partitions) throws Exception {
        int perTopic = 10;
        int topics = partitions / perTopic;
        Map<String, List<TopicPartition>> byTopic = new HashMap<>();
        List<TopicPartition> all = new ArrayList<>(partitions);
        for (int t = 0; t < topics; t++) {
            List<TopicPartition> list = new ArrayList<>(perTopic);
            for (int p = 0; p < perTopic; p++) {
                list.add(new TopicPartition("topic-" + t, p));
            }
            byTopic.put("topic-" + t, list);
            all.addAll(list);
        }
        LagTracker tracker = new LagTracker("bench", WINDOW, TABLE_POINTS, Duration.ofDays(7));
        long before = usedHeapAfterGc();
        int updates = TABLE_POINTS + WINDOW;
        for (int u = 1; u <= updates; u++) {
            tracker.update(observation(u, byTopic, all, u * 100L, u * 90L));
        }
        long after = usedHeapAfterGc();
        System.out.printf(
                "memory: %d tracked partitions (one group each), %d updates: %.0f bytes per partition "
                        + "(interpolation table of %d points + commit window of %d commits + map entries)%n",
                tracker.trackedGroupPartitions(),
                updates,
                (after - before) / (double) partitions,
                TABLE_POINTS,
                WINDOW);
    }

    private static OffsetsObservation observation(
            long time, Map<String, List<TopicPartition>> byTopic, List<TopicPartition> all, long end, long committed) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        Map<TopicPartition, Long> starts = new HashMap<>();
        all.forEach(p -> {
            ends.put(p, end);
            starts.put(p, 0L);
        });
        List<GroupOffsets> groups = new ArrayList<>();
        byTopic.forEach((topic, partitions) -> {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            partitions.forEach(p -> offsets.put(p, committed));
            groups.add(new GroupOffsets("group-" + topic, "Stable", 1, offsets, Map.of()));
        });
        return new OffsetsObservation(time * 1_000, groups, byTopic, ends, starts);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
