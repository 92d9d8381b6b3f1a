package io.streamsight.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.streamsight.events.Severity;
import java.time.Instant;

/**
 * One alert as the fan-out sees it, whatever its source: the fields every receiver routes on
 * (kind, type, severity, user or sensor, location) plus the source event itself in
 * {@code details}. Serialised in snake_case like every StreamSight event. {@code orderingKey} is
 * what per-key delivery order is kept for (a user, a sensor, a consumer group), set where the
 * alert is made.
 */
public record Alert(
        String alertId,
        AlertKind kind,
        String alertType,
        Severity severity,
        String userId,
        String sensorId,
        String location,
        @JsonIgnore String orderingKey,
        Instant timestamp,
        Instant detectedAt,
        Object details) {}
