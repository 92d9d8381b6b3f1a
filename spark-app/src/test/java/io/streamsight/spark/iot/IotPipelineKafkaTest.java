package io.streamsight.spark.iot;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.events.AlertIds;
import io.streamsight.events.EventJson;
import io.streamsight.events.SensorAlert;
import io.streamsight.events.SensorAlert.Level;
import io.streamsight.events.SensorReading;
import io.streamsight.events.Topic;
import io.streamsight.spark.SparkTestSession;
import io.streamsight.spark.StreamSightApp;
import io.streamsight.spark.TransactionRecords;
import io.streamsight.spark.kafka.DeadLetters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IoT pipeline on the embedded broker: readings on and just beyond every threshold give
 * exactly the expected alerts, and malformed readings are dead-lettered.
 */
class IotPipelineKafkaTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:00:00.250Z");
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final TransactionRecords records = TransactionRecords.shared();

    @TempDir
    Path checkpoints;

    /** A reading and the alert it must give: level and reasons, or no alert (level null). */
    private record Case(
            String sensorId, double temperature, double humidity, double pressure, Level level, List<String> reasons) {
        SensorReading reading(int i) {
            return new SensorReading(sensorId, temperature, humidity, pressure, AT.plusSeconds(i));
        }
    }

    private static Case none(String id, double t, double h, double p) {
        return new Case(id, t, h, p, null, List.of());
    }

    private static Case alert(String id, double t, double h, double p, Level level, String... reasons) {
        return new Case(id, t, h, p, level, List.of(reasons));
    }

    @Test
    void readingsOnAndJustBeyondEveryThresholdGiveExactlyTheExpectedAlerts() throws Exception {
        List<Case> cases = List.of(
                none("normal", 20, 50, 1000),
                none("temp-80", 80, 50, 1000),
                alert("temp-80.01", 80.01, 50, 1000, Level.WARNING, SensorThresholds.HIGH_TEMPERATURE),
                alert("temp-100", 100, 50, 1000, Level.WARNING, SensorThresholds.HIGH_TEMPERATURE),
                alert("temp-100.01", 100.01, 50, 1000, Level.CRITICAL, SensorThresholds.HIGH_TEMPERATURE),
                none("hum-90", 20, 90, 1000),
                alert("hum-90.01", 20, 90.01, 1000, Level.INFO, SensorThresholds.HIGH_HUMIDITY),
                none("pres-950", 20, 50, 950),
                alert("pres-949.99", 20, 50, 949.99, Level.INFO, SensorThresholds.LOW_PRESSURE),
                alert(
                        "all",
                        120,
                        95,
                        900,
                        Level.CRITICAL,
                        SensorThresholds.HIGH_TEMPERATURE,
                        SensorThresholds.HIGH_HUMIDITY,
                        SensorThresholds.LOW_PRESSURE));
        for (int i = 0; i < cases.size(); i++) {
            SensorReading reading = cases.get(i).reading(i);
            records.send(Topic.SENSOR_DATA, reading.sensorId(), reading);
        }
        List<String> malformed = List.of(
                "{not json",
                "{\"sensor_id\":\"bad-1\",\"humidity\":50,\"pressure\":1000,\"timestamp\":\"2026-11-25T10:00:00Z\"}");
        for (int i = 0; i < malformed.size(); i++) {
            records.send(
                    Topic.SENSOR_DATA,
                    ("bad-" + i).getBytes(StandardCharsets.UTF_8),
                    malformed.get(i).getBytes(StandardCharsets.UTF_8));
        }

        try (StreamSightApp app = StreamSightApp.start(
                SparkTestSession.get(), records.microBatchSettings(checkpoints), Set.of(IotPipeline.NAME))) {
            records.awaitProcessed(IotPipeline.NAME, Topic.SENSOR_DATA);
        }

        List<ConsumerRecord<byte[], byte[]>> alertRecords = records.readAll(Topic.SENSOR_ALERTS);
        Map<String, SensorAlert> alerts = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> record : alertRecords) {
            SensorAlert alert = EventJson.read(record.value(), SensorAlert.class);
            assertThat(TransactionRecords.text(record.key())).isEqualTo(alert.sensorId());
            alerts.put(alert.sensorId(), alert);
        }
        assertThat(alertRecords).hasSize(alerts.size());
        Map<String, Case> expected = cases.stream()
                .filter(c -> c.level() != null)
                .collect(Collectors.toMap(Case::sensorId, c -> c, (a, b) -> a, TreeMap::new));
        assertThat(alerts.keySet()).containsExactlyElementsOf(expected.keySet());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            if (c.level() == null) {
                continue;
            }
            SensorAlert alert = alerts.get(c.sensorId());
            SensorReading reading = c.reading(i);
            assertThat(alert.alertLevel()).as(c.sensorId()).isEqualTo(c.level());
            assertThat(alert.reasons()).as(c.sensorId()).isEqualTo(c.reasons());
            assertThat(List.of(alert.temperature(), alert.humidity(), alert.pressure()))
                    .isEqualTo(List.of(c.temperature(), c.humidity(), c.pressure()));
            assertThat(alert.timestamp()).isEqualTo(reading.timestamp());
            assertThat(alert.alertId())
                    .isEqualTo(AlertIds.of(AlertIds.SENSOR, c.sensorId() + "@" + ID_TIME.format(reading.timestamp())));
        }

        List<ConsumerRecord<byte[], byte[]>> deadLetters = records.readAll(Topic.SENSOR_DATA_DLQ);
        assertThat(deadLetters)
                .extracting(r -> TransactionRecords.text(r.value()))
                .containsExactlyInAnyOrderElementsOf(malformed);
        assertThat(deadLetters)
                .extracting(r -> TransactionRecords.text(
                        r.headers().lastHeader(DeadLetters.REASON).value()))
                .contains("field 'temperature': is required");
    }
}
