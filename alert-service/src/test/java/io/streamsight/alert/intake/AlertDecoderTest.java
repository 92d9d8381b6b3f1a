package io.streamsight.alert.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamsight.alert.AlertKind;
import io.streamsight.alert.ReceivedAlert;
import io.streamsight.alert.ReceivedAlert.SourceOffset;
import io.streamsight.events.AlertIds;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.MalformedEventException;
import io.streamsight.events.RecordHeaders;
import io.streamsight.events.SensorAlert;
import io.streamsight.events.Severity;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class AlertDecoderTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aFraudAlertKeepsItsIdTypeSeverityUserAndTheSourceTimestampHeader() {
        FraudAlert fraud = new FraudAlert(
                AlertIds.of(AlertIds.FRAUD, "tx-1"),
                "tx-1",
                "user-1",
                new BigDecimal("12000.00"),
                "Electronics",
                "Acme",
                "Madrid",
                AT,
                "high_amount",
                Severity.CRITICAL,
                100,
                List.of("amount_over_5000"),
                AT,
                null);
        var headers = new org.apache.kafka.common.header.internals.RecordHeaders(List.of(new RecordHeader(
                RecordHeaders.SOURCE_TIMESTAMP,
                Long.toString(AT.minusMillis(7).toEpochMilli()).getBytes(StandardCharsets.US_ASCII))));
        ReceivedAlert received = AlertDecoder.decode(
                        new SourceOffset("fraud_alerts", 2, 17), AT.plusMillis(3), headers, EventJson.writeBytes(fraud))
                .orElseThrow();
        assertThat(received.alert().alertId()).isEqualTo(fraud.alertId());
        assertThat(received.alert().kind()).isEqualTo(AlertKind.FRAUD);
        assertThat(received.alert().alertType()).isEqualTo("high_amount");
        assertThat(received.alert().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(received.alert().userId()).isEqualTo("user-1");
        assertThat(received.source()).isEqualTo(new SourceOffset("fraud_alerts", 2, 17));
        assertThat(received.sourcedAt()).isEqualTo(AT.minusMillis(7));
    }

    @Test
    void aSensorAlertMapsItsLevelToASeverity() {
        SensorAlert sensor = new SensorAlert(
                AlertIds.of(AlertIds.SENSOR, "s-1"),
                "s-1",
                81.5,
                20.0,
                1013.0,
                SensorAlert.Level.WARNING,
                List.of("temperature above 80"),
                AT,
                AT);
        ReceivedAlert received = AlertDecoder.decode(
                        new SourceOffset("sensor_alerts", 0, 1),
                        AT,
                        new org.apache.kafka.common.header.internals.RecordHeaders(),
                        EventJson.writeBytes(sensor))
                .orElseThrow();
        assertThat(received.alert().kind()).isEqualTo(AlertKind.SENSOR);
        assertThat(received.alert().severity()).isEqualTo(Severity.MEDIUM);
        assertThat(received.alert().alertType()).isEqualTo(AlertDecoder.SENSOR_ALERT_TYPE);
        assertThat(received.sourcedAt()).as("no header, no source time").isNull();
    }

    @Test
    void aTopicWithoutAlertsGivesNothingAndABrokenAlertIsRefused() {
        assertThat(AlertDecoder.decode(
                        new SourceOffset("transactions", 0, 1),
                        AT,
                        (Instant) null,
                        "{}".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThatThrownBy(() -> AlertDecoder.decode(
                        new SourceOffset("fraud_alerts", 0, 1),
                        AT,
                        (Instant) null,
                        "{\"alert_id\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> AlertDecoder.decode(
                        new SourceOffset("fraud_alerts", 0, 1),
                        AT,
                        (Instant) null,
                        "{\"alert_id\":42}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedEventException.class);
    }
}
