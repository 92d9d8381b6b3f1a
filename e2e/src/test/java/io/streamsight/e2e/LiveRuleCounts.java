package io.streamsight.e2e;

import io.streamsight.events.AlertIds;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.Topic;
import io.streamsight.kafka.StartPosition;
import io.streamsight.kafka.TopicRange;
import io.streamsight.localstack.broker.TopicContents;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What the live fraud query flagged among the {@code transactions} records of a backtest's range
 * (from the first record at or after {@code from} to the first at or after {@code until}, per
 * partition), recomputed from the topics: the number of stateless alerts per rule, each alert
 * counted once by its id.
 *
 * @param transactions the records in the range
 * @param flagged transactions with a stateless fraud alert
 * @param byRule rule id -> transactions whose alert lists it
 */
record LiveRuleCounts(long transactions, long flagged, Map<String, Long> byRule) {

    static LiveRuleCounts recompute(String bootstrapServers, Instant from, Instant until) {
        Set<String> alertIds = new HashSet<>();
        long[] transactions = {0};
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    TopicRange.partitionsOf(consumer, List.of(Topic.TRANSACTIONS.topicName()));
            TopicRange.read(
                    consumer,
                    StartPosition.since(from).offsets(consumer, partitions),
                    StartPosition.since(until).offsets(consumer, partitions),
                    record -> {
                        transactions[0]++;
                        transactionId(record.value()).ifPresent(id -> alertIds.add(AlertIds.of(AlertIds.FRAUD, id)));
                    });
        }
        Map<String, FraudAlert> alerts = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record :
                TopicContents.readAll(bootstrapServers, List.of(Topic.FRAUD_ALERTS.topicName()))) {
            FraudAlert alert = EventJson.read(record.value(), FraudAlert.class);
            if (alertIds.contains(alert.alertId())) {
                alerts.put(alert.alertId(), alert);
            }
        }
        Map<String, Long> byRule = new TreeMap<>();
        alerts.values().forEach(alert -> alert.rules().forEach(rule -> byRule.merge(rule, 1L, Long::sum)));
        return new LiveRuleCounts(transactions[0], alerts.size(), byRule);
    }

    /** Empty for a record that is not JSON with a transaction id: no alert can name it. */
    private static Optional<String> transactionId(byte[] value) {
        try {
            return Optional.ofNullable(
                    EventJson.mapper().readTree(value).path("transaction_id").asText(null));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
