package io.streamsight.alert;

import io.streamsight.alert.lag.LagAlert;
import io.streamsight.events.Severity;
import java.time.Instant;

/**
 * One alert as the fan-out sees it, whatever its source: the fields every receiver routes on
 * (kind, type, severity, user or sensor, location) plus the source event itself in
 * {@code details}. Serialised in snake_case like every StreamSight event.
 */
public record Alert(
        String alertId,
        AlertKind kind,
        String alertType,
        Severity severity,
        String userId,
        String sensorId,
        String location,
        Instant timestamp,
        Instant detectedAt,
        Object details) {

    /** What per-user (or per-sensor, per-consumer-group) delivery order is kept for. */
    public String orderingKey() {
        if (userId != null) {
            return userId;
        }
        return details instanceof LagAlert lag ? lag.group() : sensorId;
    }
}
