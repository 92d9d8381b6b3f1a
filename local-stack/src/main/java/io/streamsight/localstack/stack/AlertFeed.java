package io.streamsight.localstack.stack;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.kafka.StartPosition;
import io.streamsight.kafka.TopicFollower;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The terminal's live view of the stack: one readable line per alert from {@code fraud_alerts}
 * and {@code sensor_alerts}, starting at the current end. It reads without a consumer group,
 * so it never shows up as a lagging group of its own.
 */
final class AlertFeed {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private AlertFeed() {}

    /** Prints the alerts on a thread of its own until closed; a broker outage ends the feed, not the stack. */
    static TopicFollower<byte[], byte[]> start(String bootstrapServers, PrintStream out) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "streamsight-terminal-feed");
        return TopicFollower.of(
                        () -> new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                        List.of(Topic.FRAUD_ALERTS.topicName(), Topic.SENSOR_ALERTS.topicName()))
                .from(StartPosition.end())
                .threadName("streamsight-alert-feed")
                .start(record -> out.println(line(record.topic(), record.value())));
    }

    static String line(String topic, byte[] value) {
        try {
            JsonNode alert = EventJson.mapper().readTree(value);
            if (Topic.SENSOR_ALERTS.topicName().equals(topic)) {
                return String.format(
                        "%s  SENSOR %-8s %-10s temp=%s hum=%s press=%s  %s",
                        time(alert.path("detected_at").asText()),
                        alert.path("alert_level").asText(),
                        alert.path("sensor_id").asText(),
                        alert.path("temperature").asText(),
                        alert.path("humidity").asText(),
                        alert.path("pressure").asText(),
                        alert.path("reasons").toString());
            }
            return String.format(
                    "%s  FRAUD  %-8s %-20s %-10s %10s %-13s %-20s rules=%s",
                    time(alert.path("detected_at").asText()),
                    alert.path("severity").asText(),
                    alert.path("alert_type").asText(),
                    alert.path("user_id").asText(),
                    alert.path("amount").asText(),
                    alert.path("category").asText(),
                    alert.path("location").asText(),
                    String.join(",", texts(alert.path("rules"))));
        } catch (java.io.IOException | RuntimeException e) {
            return "unreadable alert on " + topic + ": " + e.getMessage();
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }

    private static String time(String iso) {
        try {
            return TIME.format(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }
}
