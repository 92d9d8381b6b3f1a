package io.streamsight.alert;

import java.time.Instant;

/**
 * An alert with where it was read from and when it arrived on Kafka (the record timestamp),
 * from which delivery latency is measured.
 */
public record ReceivedAlert(Alert alert, SourceOffset source, Instant arrivedAt) {

    /** The Kafka record an alert was read from. */
    public record SourceOffset(String topic, int partition, long offset) {

        public String partitionName() {
            return topic + "-" + partition;
        }
    }
}
