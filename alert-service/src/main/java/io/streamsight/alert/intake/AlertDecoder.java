package io.streamsight.alert.intake;

import io.streamsight.alert.Alert;
import io.streamsight.alert.AlertKind;
import io.streamsight.alert.ReceivedAlert;
import io.streamsight.alert.ReceivedAlert.SourceOffset;
import io.streamsight.events.ConsumerLagAlert;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.RecordHeaders;
import io.streamsight.events.SensorAlert;
import io.streamsight.events.Severity;
import io.streamsight.events.Topic;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Turns an alert topic's record value into the fan-out's {@link Alert}. */
public final class AlertDecoder {

    /** Sensor alerts have a level, not a type: they share one type so filters can name them. */
    public static final String SENSOR_ALERT_TYPE = "sensor_threshold";

    private AlertDecoder() {}

    /**
     * Empty for a topic that carries no alerts; throws MalformedEventException for a bad record.
     * {@code sourcedAt}: the record's {@code source.timestamp} header, null when absent.
     */
    public static Optional<ReceivedAlert> decode(
            SourceOffset source, Instant arrivedAt, Instant sourcedAt, byte[] value) {
        Alert alert;
        if (Topic.FRAUD_ALERTS.topicName().equals(source.topic())) {
            alert = fromFraud(EventJson.read(value, FraudAlert.class));
        } else if (Topic.SENSOR_ALERTS.topicName().equals(source.topic())) {
            alert = fromSensor(EventJson.read(value, SensorAlert.class));
        } else if (Topic.LAG_ALERTS.topicName().equals(source.topic())) {
            alert = fromLag(EventJson.read(value, ConsumerLagAlert.class));
        } else {
            return Optional.empty();
        }
        return Optional.of(new ReceivedAlert(alert, source, arrivedAt, sourcedAt));
    }

    /** The same for a record as Kafka hands it over: its timestamp, and the {@code source.timestamp} header if any. */
    public static Optional<ReceivedAlert> decode(
            SourceOffset source, Instant recordTimestamp, Headers headers, byte[] value) {
        Header sourced = headers.lastHeader(RecordHeaders.SOURCE_TIMESTAMP);
        return decode(
                source,
                recordTimestamp,
                sourced == null
                        ? null
                        : RecordHeaders.sourceTimestamp(sourced.value()).orElse(null),
                value);
    }

    public static Alert fromFraud(FraudAlert a) {
        return new Alert(
                a.alertId(),
                AlertKind.FRAUD,
                a.alertType(),
                a.severity(),
                a.userId(),
                null,
                a.location(),
                a.userId(),
                a.timestamp(),
                a.detectedAt(),
                a);
    }

    /** info -> info, warning -> medium, critical -> critical. */
    public static Alert fromSensor(SensorAlert a) {
        Severity severity = switch (a.alertLevel()) {
            case INFO -> Severity.INFO;
            case WARNING -> Severity.MEDIUM;
            case CRITICAL -> Severity.CRITICAL;
        };
        return new Alert(
                a.alertId(),
                AlertKind.SENSOR,
                SENSOR_ALERT_TYPE,
                severity,
                null,
                a.sensorId(),
                null,
                a.sensorId(),
                a.timestamp(),
                a.detectedAt(),
                a);
    }

    /** A group's lag alerts are delivered in the order they were raised. */
    public static Alert fromLag(ConsumerLagAlert a) {
        return new Alert(
                a.alertId(),
                AlertKind.LAG,
                a.alertType(),
                a.severity(),
                null,
                null,
                null,
                a.group(),
                a.detectedAt(),
                a.detectedAt(),
                a);
    }
}
