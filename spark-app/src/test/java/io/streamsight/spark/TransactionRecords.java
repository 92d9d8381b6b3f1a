package io.streamsight.spark;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.events.rules.RuleStatus;
import io.streamsight.localstack.broker.EmbeddedKafka;
import io.streamsight.spark.observability.ConsumerGroupCommitter;
import io.streamsight.spark.pipeline.FraudRules;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.assertj.core.api.Assertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's own embedded broker and access to it: produce raw or contract records, read
 * topics whole, read offsets. Closing it stops the broker.
 */
public final class TransactionRecords implements AutoCloseable, AfterAllCallback {

    private final EmbeddedKafka kafka;
    private final String bootstrapServers;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;

    private TransactionRecords(EmbeddedKafka kafka) {
        this.kafka = kafka;
        this.bootstrapServers = kafka.bootstrapServers();
        this.producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    private static TransactionRecords shared;

    public static TransactionRecords onNewBroker() {
        return new TransactionRecords(EmbeddedKafka.start());
    }

    /**
     * One broker for the test classes of the pipelines that each read their own input topics,
     * started on first use and stopped when the JVM exits, so those classes do not pay a broker
     * start-up each.
     */
    public static synchronized TransactionRecords shared() {
        if (shared == null) {
            shared = onNewBroker();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "shared-broker-stop"));
        }
        return shared;
    }

    /** Settings for micro-batch pipelines on this broker, each query checkpointing below {@code checkpoints}. */
    public StreamSightSettings microBatchSettings(Path checkpoints) {
        return new StreamSightSettings(
                bootstrapServers,
                checkpoints.toUri().toString(),
                StreamSightSettings.FraudTrigger.MICRO_BATCH,
                "2 seconds",
                "0 seconds",
                "earliest",
                Optional.empty(),
                FraudRules.defaults());
    }

    /** Waits until a pipeline's consumer group has committed everything produced to {@code topic} so far. */
    public void awaitProcessed(String pipeline, Topic topic) {
        Map<TopicPartition, Long> produced = endOffsets(topic.topicName());
        Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> Assertions.assertThat(committedOffsets(ConsumerGroupCommitter.groupOf(pipeline)))
                        .containsAllEntriesOf(produced));
    }

    /**
     * Puts a rule (or a tombstone) on {@code fraud_rules} and, unless {@code expected} is null,
     * waits for the pipeline's status for exactly that record.
     */
    public RuleStatus putRule(String ruleId, String json, RuleStatus.State expected) {
        send(
                Topic.FRAUD_RULES,
                ruleId.getBytes(StandardCharsets.UTF_8),
                json == null ? null : json.getBytes(StandardCharsets.UTF_8));
        long offset =
                endOffsets(Topic.FRAUD_RULES.topicName()).values().iterator().next() - 1;
        if (expected == null) {
            return null;
        }
        RuleStatus status = Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .until(
                        () -> readAll(Topic.FRAUD_RULE_STATUS).stream()
                                .map(r -> EventJson.read(r.value(), RuleStatus.class))
                                .filter(s -> s.ruleId().equals(ruleId) && s.sourceOffset() == offset)
                                .findFirst()
                                .orElse(null),
                        Objects::nonNull);
        Assertions.assertThat(status.status()).isEqualTo(expected);
        return status;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public void send(Transaction tx) {
        send(tx.userId().getBytes(StandardCharsets.UTF_8), EventJson.writeBytes(tx));
    }

    public void send(byte[] key, byte[] value) {
        send(Topic.TRANSACTIONS, key, value);
    }

    /** A contract event, keyed by the given key, as its JSON. */
    public void send(Topic topic, String key, Object event) {
        send(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8), EventJson.writeBytes(event));
    }

    /** Many values without keys, sent together and acknowledged before this returns. */
    public void sendAll(Topic topic, List<byte[]> values) {
        List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
        for (byte[] value : values) {
            acks.add(producer.send(new ProducerRecord<>(topic.topicName(), null, value)));
        }
        try {
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public void send(Topic topic, byte[] key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic.topicName(), key, value)).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every record of a topic, from the beginning up to its end offsets now. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(Topic topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> end = endOffsets(topic.topicName());
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    public Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            Set<TopicPartition> partitions =
                    admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .collect(Collectors.toSet());
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest = admin.listOffsets(
                            partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all()
                    .get();
            return latest.entrySet().stream()
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<TopicPartition, Long> committedOffsets(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            return committed.entrySet().stream()
                    .filter(e -> e.getValue() != null)
                    .collect(Collectors.toMap(
                            Map.Entry::getKey, e -> e.getValue().offset()));
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public static JsonNode json(byte[] value) {
        try {
            return EventJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> values(Collection<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> text(r.value())).toList();
    }

    /** Registered with {@code @RegisterExtension}, a broker of {@link #onNewBroker} stops after its test class. */
    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
        kafka.close();
    }
}
