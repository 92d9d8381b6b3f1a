package io.streamsight.alert;

import io.streamsight.events.AlertIds;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.RecordHeaders;
import io.streamsight.events.SensorAlert;
import io.streamsight.events.Severity;
import io.streamsight.events.Topic;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/** Builds alerts and publishes them to the test broker the way spark-app does (keyed, JSON). */
final class TestAlerts implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    TestAlerts() {
        this(bootstrapServers());
    }

    TestAlerts(String bootstrapServers) {
        producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(),
                new StringSerializer());
    }

    static String bootstrapServers() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A name no other test uses, so tests can filter on it. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static FraudAlert fraud(String userId, String location, String amount) {
        String transactionId = UUID.randomUUID().toString();
        Instant now = Instant.now();
        return new FraudAlert(
                AlertIds.of(AlertIds.FRAUD, transactionId),
                transactionId,
                userId,
                new BigDecimal(amount),
                "Electronics",
                "Acme",
                location,
                now,
                "high_amount",
                Severity.CRITICAL,
                100,
                List.of("amount_over_5000"),
                now,
                Map.of("amount_over_5000", List.of("amount " + amount + " > 5000")));
    }

    /** A 20.00 payment flagged by {@code rule} alone, placed at {@code at} (event and detection time). */
    static FraudAlert flagged(String alertId, String transactionId, String rule, Instant at) {
        return new FraudAlert(
                alertId,
                transactionId,
                "user-1",
                new BigDecimal("20.00"),
                "Gas",
                "Repsol",
                "Madrid",
                at,
                "general_alert",
                Severity.MEDIUM,
                25,
                List.of(rule),
                at,
                Map.of(rule, List.of("amount 20.00 > 10")));
    }

    static SensorAlert sensor(String sensorId) {
        Instant now = Instant.now();
        return new SensorAlert(
                AlertIds.of(AlertIds.SENSOR, sensorId + now),
                sensorId,
                81.5,
                20.0,
                1013.0,
                SensorAlert.Level.CRITICAL,
                List.of("temperature above 80"),
                now,
                now);
    }

    /** A consumer without group on partition 0 of a single-partition topic, from its beginning. */
    static KafkaConsumer<String, byte[]> readFromStart(Topic topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()),
                new StringDeserializer(),
                new ByteArrayDeserializer());
        TopicPartition partition = new TopicPartition(topic.topicName(), 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        return consumer;
    }

    void publish(FraudAlert alert) {
        send(Topic.FRAUD_ALERTS.topicName(), alert.userId(), EventJson.write(alert));
    }

    /** Many at once: sent together, then waited for. */
    void publishAll(List<FraudAlert> alerts) {
        alerts.forEach(alert -> producer.send(
                new ProducerRecord<>(Topic.FRAUD_ALERTS.topicName(), alert.userId(), EventJson.write(alert))));
        producer.flush();
    }

    void publish(SensorAlert alert) {
        send(Topic.SENSOR_ALERTS.topicName(), alert.sensorId(), EventJson.write(alert));
    }

    void send(String topic, String key, String value) {
        send(new ProducerRecord<>(topic, key, value));
    }

    /** With the record timestamp given, as if it had been produced at that moment. */
    void send(String topic, String key, String value, Instant timestamp) {
        send(new ProducerRecord<>(topic, null, timestamp.toEpochMilli(), key, value));
    }

    /** A fraud alert whose transaction reached Kafka at {@code sourcedAt}, as spark-app's fraud query says in a header. */
    void sendDetected(FraudAlert alert, Instant sourcedAt) {
        ProducerRecord<String, String> record =
                new ProducerRecord<>(Topic.FRAUD_ALERTS.topicName(), alert.userId(), EventJson.write(alert));
        record.headers()
                .add(
                        RecordHeaders.SOURCE_TIMESTAMP,
                        Long.toString(sourcedAt.toEpochMilli()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        send(record);
    }

    void send(TopicPartition partition, String value) {
        send(new ProducerRecord<>(partition.topic(), partition.partition(), null, value));
    }

    private void send(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
