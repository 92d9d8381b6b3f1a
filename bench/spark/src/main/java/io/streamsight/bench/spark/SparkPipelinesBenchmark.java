package io.streamsight.bench.spark;

import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.localstack.broker.EmbeddedKafka;
import io.streamsight.localstack.broker.KafkaTools;
import io.streamsight.spark.StreamSightApp;
import io.streamsight.spark.observability.ConsumerGroupCommitter;
import io.streamsight.spark.pipeline.FraudRules;
import io.streamsight.spark.pipeline.StreamSightSettings;
import io.streamsight.spark.pipeline.StreamSightSettings.FraudTrigger;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.sql.SparkSession;

/**
 * One run, one embedded broker: (1) Kafka's ConsumerPerformance and then spark-app's fraud +
 * analytics pipelines over the same backlog of transactions, records/s and their ratio;
 * (2) transaction-to-alert latency at a fixed rate, real-time mode and micro-batch mode.
 *
 * <p>Arguments: {@code --backlog N --rate TX_PER_S --seconds S --master local[K] --checkpoint-interval "10 seconds"}.
 */
public final class SparkPipelinesBenchmark {

    private static final Instant EVENT_TIME = Instant.parse("2026-11-25T10:00:00Z");
    private static final String[] LOCATIONS = {"Madrid", "Paris", "Berlin", "Lisbon", "Rome"};
    private static final String[] CATEGORIES = {"Electronics", "Books", "Groceries", "Travel"};

    private SparkPipelinesBenchmark() {}

    public static void main(String[] args) throws Exception {
        List<String> list = Arrays.asList(args);
        int backlog = Integer.parseInt(arg(list, "--backlog", "500000"));
        int rate = Integer.parseInt(arg(list, "--rate", "5000"));
        int seconds = Integer.parseInt(arg(list, "--seconds", "20"));
        String master = arg(list, "--master", "local[4]");
        String checkpointInterval = arg(list, "--checkpoint-interval", "10 seconds");
        System.out.printf(
                "machine: %d cores, Java %s; Spark master %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), master);

        try (EmbeddedKafka kafka = EmbeddedKafka.start();
                KafkaProducer<String, String> producer = producer(kafka.bootstrapServers());
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            SparkSession spark = SparkSession.builder()
                    .master(master)
                    .appName("streamsight-bench")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.sql.session.timeZone", "UTC")
                    .getOrCreate();
            System.out.printf("Spark %s, Kafka broker %s%n", spark.version(), "4.1.1");

            throughput(kafka, producer, admin, spark, backlog, checkpointInterval);
            for (FraudTrigger trigger : FraudTrigger.values()) {
                latency(kafka, producer, spark, settings(kafka, trigger, "latest", checkpointInterval), rate, seconds);
            }
            spark.stop();
        }
    }

    private static void throughput(
            EmbeddedKafka kafka,
            KafkaProducer<String, String> producer,
            Admin admin,
            SparkSession spark,
            int backlog,
            String checkpointInterval)
            throws Exception {
        long produceStart = System.nanoTime();
        for (int i = 0; i < backlog; i++) {
            Transaction tx = transaction("backlog-" + i, i);
            producer.send(new ProducerRecord<>(Topic.TRANSACTIONS.topicName(), tx.userId(), EventJson.write(tx)));
        }
        producer.flush();
        System.out.printf("backlog: %d transactions produced in %.1f s%n", backlog, seconds(produceStart));

        String reference = KafkaTools.run(
                KafkaTools.CONSUMER_PERFORMANCE,
                List.of(
                        "--bootstrap-server",
                        kafka.bootstrapServers(),
                        "--topic",
                        Topic.TRANSACTIONS.topicName(),
                        "--messages",
                        Integer.toString(backlog),
                        "--timeout",
                        "120000"),
                Duration.ofMinutes(10));
        double referenceRate = consumerPerformanceRate(reference);
        System.out.printf("ConsumerPerformance: %.0f records/s%n", referenceRate);

        Map<TopicPartition, Long> end = endOffsets(admin);
        for (Set<String> pipelines : List.of(Set.of("fraud"), Set.of("fraud", "analytics"))) {
            double ours = catchUp(
                    admin,
                    spark,
                    settings(kafka, FraudTrigger.MICRO_BATCH, "earliest", checkpointInterval),
                    pipelines,
                    end,
                    backlog);
            System.out.printf("throughput ratio %s / ConsumerPerformance = %.3f%n", pipelines, ours / referenceRate);
        }
    }

    /** Records/s of the backlog through the given pipelines: from start until every pipeline's group has committed the end. */
    private static double catchUp(
            Admin admin,
            SparkSession spark,
            StreamSightSettings settings,
            Set<String> pipelines,
            Map<TopicPartition, Long> end,
            int backlog)
            throws Exception {
        List<String> groups =
                pipelines.stream().map(ConsumerGroupCommitter::groupOf).toList();
        Set<String> existing = admin.listConsumerGroups().all().get().stream()
                .map(listing -> listing.groupId())
                .collect(Collectors.toSet());
        admin.deleteConsumerGroups(groups.stream().filter(existing::contains).toList())
                .all()
                .get();
        long start = System.nanoTime();
        try (StreamSightApp app = StreamSightApp.start(spark, settings, pipelines)) {
            for (String group : groups) {
                awaitCommitted(admin, group, end);
            }
            double elapsed = seconds(start);
            int queries = app.queries().size();
            System.out.printf(
                    "spark-app %s (%d queries, each reads the whole backlog): %d records in %.1f s = %.0f records/s%n",
                    pipelines, queries, backlog, elapsed, backlog / elapsed);
            return backlog / elapsed;
        }
    }

    private static void latency(
            EmbeddedKafka kafka,
            KafkaProducer<String, String> producer,
            SparkSession spark,
            StreamSightSettings settings,
            int rate,
            int seconds)
            throws Exception {
        FraudTrigger trigger = settings.fraudTrigger();
        String prefix = "lat-" + trigger.name().toLowerCase() + "-";
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        int total = rate * seconds;
        int expectedAlerts = (int) java.util.stream.IntStream.range(0, total)
                .filter(SparkPipelinesBenchmark::flagged)
                .count();
        try (StreamSightApp app = StreamSightApp.start(spark, settings, Set.of("fraud"));
                KafkaConsumer<String, String> consumer = alertConsumer(kafka.bootstrapServers())) {
            // Let the query resolve its "latest" offsets before the first measured transaction.
            Thread.sleep(8000);
            Thread reader = new Thread(
                    () -> {
                        while (latenciesMicros.size() < expectedAlerts
                                && !Thread.currentThread().isInterrupted()) {
                            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                                long now = System.nanoTime();
                                String txId = EventJson.read(record.value(), FraudAlert.class)
                                        .transactionId();
                                Long sent = sentAt.remove(txId);
                                if (sent != null) {
                                    latenciesMicros.add((now - sent) / 1000);
                                }
                            }
                        }
                    },
                    "alert-reader");
            reader.start();
            long begin = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long due = begin + (long) i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    // Parking, not spinning: a spinning sender would take one of the machine's two cores from Spark.
                    LockSupport.parkNanos(wait);
                }
                Transaction tx = transaction(prefix + i, i);
                sentAt.put(tx.transactionId(), System.nanoTime());
                producer.send(new ProducerRecord<>(Topic.TRANSACTIONS.topicName(), tx.userId(), EventJson.write(tx)));
            }
            double sendSeconds = seconds(begin);
            reader.join(TimeUnit.SECONDS.toMillis(60));
            reader.interrupt();
            List<Long> sorted = new ArrayList<>(latenciesMicros);
            Collections.sort(sorted);
            System.out.printf(
                    "latency %s (checkpoint interval %s): %d transactions at %d/s (sent in %.1f s), %d of %d alerts received: "
                            + "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                    trigger,
                    settings.checkpointInterval(),
                    total,
                    rate,
                    sendSeconds,
                    sorted.size(),
                    expectedAlerts,
                    percentile(sorted, 0.50),
                    percentile(sorted, 0.99),
                    percentile(sorted, 1.0));
        }
    }

    /** One transaction in ten breaks a rule (amount over 5000); the others stay under every threshold. */
    private static boolean flagged(int i) {
        return i % 10 == 0;
    }

    private static Transaction transaction(String id, int i) {
        BigDecimal amount = flagged(i) ? new BigDecimal("6000.00") : BigDecimal.valueOf(100 + (i * 7919L) % 40000, 2);
        return new Transaction(
                id,
                "user-" + (i % 1000),
                amount,
                "EUR",
                "Merchant " + (i % 50),
                CATEGORIES[i % CATEGORIES.length],
                LOCATIONS[i % LOCATIONS.length],
                EVENT_TIME.plusMillis(i * 10L));
    }

    private static StreamSightSettings settings(
            EmbeddedKafka kafka, FraudTrigger trigger, String startingOffsets, String checkpointInterval)
            throws java.io.IOException {
        Path checkpoints = Files.createTempDirectory("streamsight-bench-checkpoints-");
        return new StreamSightSettings(
                kafka.bootstrapServers(),
                checkpoints.toUri().toString(),
                trigger,
                checkpointInterval,
                "0 seconds",
                startingOffsets,
                Optional.empty(),
                FraudRules.defaults());
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                        ProducerConfig.ACKS_CONFIG, "all",
                        ProducerConfig.LINGER_MS_CONFIG, "1",
                        ProducerConfig.BATCH_SIZE_CONFIG, "65536"),
                new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> alertConsumer(String bootstrap) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "bench-alert-reader-" + System.nanoTime(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "latest",
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        "5"),
                new StringDeserializer(),
                new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topic.FRAUD_ALERTS.topicName()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws ExecutionException, InterruptedException {
        String topic = Topic.TRANSACTIONS.topicName();
        Map<TopicPartition, OffsetSpec> request = java.util.stream.IntStream.range(0, Topic.TRANSACTIONS.partitions())
                .boxed()
                .collect(Collectors.toMap(p -> new TopicPartition(topic, p), p -> OffsetSpec.latest()));
        return admin.listOffsets(request).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private static void awaitCommitted(Admin admin, String group, Map<TopicPartition, Long> end) throws Exception {
        while (true) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            boolean done = end.entrySet().stream()
                    .allMatch(e -> committed.get(e.getKey()) != null
                            && committed.get(e.getKey()).offset() >= e.getValue());
            if (done) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** nMsg.sec of ConsumerPerformance's CSV summary line. */
    static double consumerPerformanceRate(String output) {
        String[] lines = output.strip().split("\n");
        String[] header = null;
        for (String line : lines) {
            String[] fields = line.split(",\\s*");
            if (line.contains("nMsg.sec")) {
                header = fields;
            } else if (header != null && fields.length == header.length) {
                return Double.parseDouble(fields[Arrays.asList(header).indexOf("nMsg.sec")].trim());
            }
        }
        throw new IllegalStateException("no ConsumerPerformance summary in:\n" + output);
    }

    private static double percentile(List<Long> sortedMicros, double p) {
        if (sortedMicros.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p * sortedMicros.size()) - 1;
        return sortedMicros.get(Math.max(0, Math.min(index, sortedMicros.size() - 1))) / 1000.0;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String arg(List<String> args, String name, String fallback) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : fallback;
    }
}
