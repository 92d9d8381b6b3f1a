package io.streamsight.spark.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.localstack.recompute.AnalyticsWindows;
import io.streamsight.spark.ChildJvm;
import io.streamsight.spark.SparkTestSession;
import io.streamsight.spark.TransactionRecords;
import io.streamsight.spark.observability.ConsumerGroupCommitter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The micro-batch Spark JVM (the windowed analytics and the Parquet ETL) killed with
 * {@code kill -9} three times while transactions and raw events keep arriving, and started again
 * on its checkpoints each time, as the launcher and Kubernetes do. Afterwards the analytics topics'
 * latest value of every window equals a recomputation from the acknowledged transactions, and the
 * ETL's Parquet output, as a reader sees it, holds every acknowledged raw event exactly once
 * (files of a batch cut short by the kill are on disk but not in the sink's log).
 */
class MicroBatchCrashIT {

    private static final int KILLS = 3;
    private static final int USERS = 12;
    private static final List<String> LOCATIONS = List.of("Madrid", "Paris", "Berlin", "Lisbon");
    private static final Duration STEP = Duration.ofMinutes(3);

    @RegisterExtension
    static final TransactionRecords records = TransactionRecords.onNewBroker();

    @TempDir
    Path dir;

    private Process sparkApp;

    @AfterEach
    void stopSparkApp() throws InterruptedException {
        if (sparkApp != null) {
            sparkApp.destroyForcibly().waitFor();
        }
    }

    @Test
    void analyticsAndTheEtlLoseAndRepeatNothingAcrossThreeKills() throws Exception {
        Queue<Transaction> transactions = new ConcurrentLinkedQueue<>();
        Queue<String> rawEvents = new ConcurrentLinkedQueue<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = new Thread(() -> produce(producing, transactions, rawEvents), "crash-it-producer");
        producer.start();
        Random random = new Random(20261203L);
        List<Long> secondsToFirstBatch = new ArrayList<>();
        try {
            for (int run = 0; run <= KILLS; run++) {
                long started = System.nanoTime();
                sparkApp = startSparkApp();
                awaitNewBatch(run);
                secondsToFirstBatch.add(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
                if (run < KILLS) {
                    // A second or three more, so the kill lands inside a later batch, not at its end.
                    Thread.sleep(1000 + random.nextInt(2000));
                    sparkApp.destroyForcibly().waitFor();
                }
            }
        } finally {
            producing.set(false);
            producer.join();
        }
        assertThat(sparkApp.isAlive())
                .as("the last spark-app runs; its log: " + dir.resolve("spark-app.log"))
                .isTrue();
        awaitCommitted("analytics", Topic.TRANSACTIONS);
        awaitCommitted("etl", Topic.RAW_EVENTS);
        assertThat(transactions).as("acknowledged transactions").hasSizeGreaterThan(1000);

        for (Topic analytics : List.of(Topic.USER_SPEND, Topic.TRANSACTION_ANALYTICS)) {
            assertThat(AnalyticsWindows.latest(analytics, records.readAll(analytics)))
                    .as(analytics.topicName() + " after the kills")
                    .isEqualTo(AnalyticsWindows.recomputed(analytics, transactions));
        }

        SparkSession spark = SparkTestSession.get();
        String etl = dir.resolve("etl").toUri().toString();
        Map<String, Long> timesWritten = spark.read().parquet(etl).groupBy("event_id").count().collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r.getLong(1)));
        assertThat(timesWritten.keySet())
                .as("raw events in the Parquet output")
                .containsExactlyInAnyOrderElementsOf(rawEvents);
        assertThat(timesWritten)
                .as("times each raw event was written")
                .allSatisfy((id, n) -> assertThat(n).isEqualTo(1L));
        long rowsOnDisk = spark.read()
                .parquet(parquetFiles(dir.resolve("etl")).toArray(String[]::new))
                .count();
        System.out.printf(
                "[crash] spark-app killed %d times, first batch after %s s of each start; %d transactions and %d raw "
                        + "events acknowledged; Parquet rows a reader sees %d, in all files on disk %d%n",
                KILLS, secondsToFirstBatch, transactions.size(), rawEvents.size(), timesWritten.size(), rowsOnDisk);
    }

    private Process startSparkApp() throws Exception {
        return ChildJvm.start(
                "io.streamsight.spark.StreamSightApp",
                List.of(
                        "-Xmx1g",
                        "-Dspark.master=local[2]",
                        "-Dspark.driver.host=127.0.0.1",
                        "-Dspark.ui.enabled=false",
                        "-Dspark.sql.shuffle.partitions=2",
                        "-Dspark.sql.session.timeZone=UTC",
                        "-Dspark.streamsight.kafka.bootstrapServers=" + records.bootstrapServers(),
                        "-Dspark.streamsight.checkpointBase="
                                + dir.resolve("checkpoints").toUri(),
                        "-Dspark.streamsight.etl.path=" + dir.resolve("etl").toUri(),
                        "-Dspark.streamsight.microBatchInterval=1 second"),
                List.of("--pipelines", "analytics,etl"),
                Map.of("SPARK_LOCAL_IP", "127.0.0.1"),
                dir.resolve("spark-app.log"));
    }

    /** Waits until this run of spark-app has committed a batch of the ETL: its sink log has a new entry. */
    private void awaitNewBatch(int run) {
        Path sinkLog = dir.resolve("etl").resolve("_spark_metadata");
        long before = entries(sinkLog);
        await().atMost(STEP).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(sparkApp.isAlive())
                    .as("spark-app run " + run + " alive; its log: " + dir.resolve("spark-app.log"))
                    .isTrue();
            assertThat(entries(sinkLog)).as("ETL batches committed").isGreaterThan(before);
        });
    }

    private static long entries(Path directory) {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().matches("\\d+(\\.compact)?"))
                    .count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitCommitted(String pipeline, Topic topic) {
        Map<org.apache.kafka.common.TopicPartition, Long> produced = records.endOffsets(topic.topicName());
        await().atMost(STEP)
                .untilAsserted(() -> assertThat(records.committedOffsets(ConsumerGroupCommitter.groupOf(pipeline)))
                        .containsAllEntriesOf(produced));
    }

    /** 200 transactions and 100 raw events a second over a few users and places, keeping what the broker acknowledged. */
    private static void produce(AtomicBoolean producing, Queue<Transaction> transactions, Queue<String> rawEvents) {
        Random random = new Random(42);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        records.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long n = 0; producing.get(); n++) {
                String user = "crash-user-" + random.nextInt(USERS);
                Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
                Transaction tx = new Transaction(
                        "crash-tx-" + n,
                        user,
                        BigDecimal.valueOf(100 + random.nextInt(50_000), 2),
                        "EUR",
                        "Shop",
                        "Groceries",
                        LOCATIONS.get(random.nextInt(LOCATIONS.size())),
                        now);
                producer.send(
                        new ProducerRecord<>(
                                Topic.TRANSACTIONS.topicName(),
                                user.getBytes(StandardCharsets.UTF_8),
                                EventJson.writeBytes(tx)),
                        (metadata, error) -> {
                            if (error == null) {
                                transactions.add(tx);
                            }
                        });
                if (n % 2 == 0) {
                    String id = "crash-event-" + n;
                    String event = "{\"event_id\":\"" + id + "\",\"user_id\":\"" + user + "\",\"event_type\":\"login\","
                            + "\"payload\":\"{}\",\"event_time\":\"" + now + "\"}";
                    producer.send(
                            new ProducerRecord<>(
                                    Topic.RAW_EVENTS.topicName(),
                                    user.getBytes(StandardCharsets.UTF_8),
                                    event.getBytes(StandardCharsets.UTF_8)),
                            (metadata, error) -> {
                                if (error == null) {
                                    rawEvents.add(id);
                                }
                            });
                }
                if (n % 2 == 1) {
                    Thread.sleep(10);
                }
            }
            producer.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> parquetFiles(Path root) throws java.io.IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f ->
                            f.toString().endsWith(".parquet") && !f.toString().contains("_spark_metadata"))
                    .map(f -> f.toUri().toString())
                    .toList();
        }
    }
}
