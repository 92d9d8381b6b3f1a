package io.streamsight.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * An out-of-range sensor reading, keyed by {@code sensor_id} on {@code sensor_alerts};
 * {@code alert_id} is derived from sensor id and reading time (see {@link AlertIds}).
 */
public record SensorAlert(
        String alertId,
        String sensorId,
        Double temperature,
        Double humidity,
        Double pressure,
        Level alertLevel,
        List<String> reasons,
        Instant timestamp,
        Instant detectedAt) {

    public enum Level {
        @JsonProperty("info")
        INFO,
        @JsonProperty("warning")
        WARNING,
        @JsonProperty("critical")
        CRITICAL
    }

    public SensorAlert {
        EventFields.required(alertId, "alert_id");
        EventFields.required(sensorId, "sensor_id");
        EventFields.finite(temperature, "temperature");
        EventFields.finite(humidity, "humidity");
        EventFields.finite(pressure, "pressure");
        EventFields.required(alertLevel, "alert_level");
        reasons = EventFields.list(reasons, "reasons");
        EventFields.required(timestamp, "timestamp");
        EventFields.required(detectedAt, "detected_at");
    }
}
