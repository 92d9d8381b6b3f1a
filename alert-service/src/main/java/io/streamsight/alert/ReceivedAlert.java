package io.streamsight.alert;

import java.time.Instant;

/**
 * An alert with where it was read from, when it arrived on Kafka (the record timestamp), from
 * which delivery latency is measured, and when the event it was detected in had arrived on Kafka
 * ({@code sourcedAt}, from the record's {@code source.timestamp} header; null when the producer
 * did not say), from which detection latency is measured.
 */
public record ReceivedAlert(Alert alert, SourceOffset source, Instant arrivedAt, Instant sourcedAt) {

    /** An alert whose source event's arrival is unknown. */
    public ReceivedAlert(Alert alert, SourceOffset source, Instant arrivedAt) {
        this(alert, source, arrivedAt, null);
    }

    /** The Kafka record an alert was read from. */
    public record SourceOffset(String topic, int partition, long offset) {

        public String partitionName() {
            return topic + "-" + partition;
        }
    }
}
