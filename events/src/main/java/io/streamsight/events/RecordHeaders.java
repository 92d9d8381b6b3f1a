package io.streamsight.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Kafka record headers that travel between modules beside the JSON value. The value of an
 * output record says what was detected; its headers say where it came from, so a consumer can
 * measure how long detection took without trusting any clock but the broker's.
 */
public final class RecordHeaders {

    /**
     * On a record derived from one input record (a fraud or sensor alert): the input record's
     * Kafka timestamp, epoch milliseconds in decimal ASCII, e.g. {@code 1764700000123}.
     */
    public static final String SOURCE_TIMESTAMP = "source.timestamp";

    private RecordHeaders() {}

    /** The {@link #SOURCE_TIMESTAMP} header's value as an instant; empty when absent or unreadable. */
    public static Optional<Instant> sourceTimestamp(byte[] headerValue) {
        if (headerValue == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(
                    Instant.ofEpochMilli(Long.parseLong(new String(headerValue, StandardCharsets.US_ASCII).trim())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
