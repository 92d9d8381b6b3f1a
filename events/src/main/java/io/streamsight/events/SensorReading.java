package io.streamsight.events;

import java.time.Instant;

/** An IoT reading, keyed by {@code sensor_id} on {@code sensor_data}. */
public record SensorReading(String sensorId, Double temperature, Double humidity, Double pressure, Instant timestamp) {

    public SensorReading {
        EventFields.required(sensorId, "sensor_id");
        EventFields.finite(temperature, "temperature");
        EventFields.finite(humidity, "humidity");
        EventFields.finite(pressure, "pressure");
        EventFields.required(timestamp, "timestamp");
    }
}
