package io.streamsight.events;

import java.time.Instant;

/**
 * A loosely structured application event for the ETL pipeline, keyed by {@code user_id} on
 * {@code raw_events}. {@code user_id} may be null (anonymous traffic, dropped by the ETL);
 * {@code payload} is opaque text, usually JSON.
 */
public record RawEvent(String eventId, String userId, String eventType, String payload, Instant eventTime) {

    public RawEvent {
        EventFields.required(eventId, "event_id");
        EventFields.required(eventType, "event_type");
        EventFields.required(eventTime, "event_time");
    }
}
