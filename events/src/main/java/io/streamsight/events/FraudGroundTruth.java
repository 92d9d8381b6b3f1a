package io.streamsight.events;

import java.time.Instant;

/**
 * The generator's statement that a transaction it produced is fraud, and of which pattern;
 * keyed by {@code transaction_id} on {@code fraud_ground_truth}. Used to measure precision
 * and recall of the rules.
 */
public record FraudGroundTruth(String transactionId, String userId, String pattern, Instant timestamp) {

    public FraudGroundTruth {
        EventFields.required(transactionId, "transaction_id");
        EventFields.required(userId, "user_id");
        EventFields.required(pattern, "pattern");
        EventFields.required(timestamp, "timestamp");
    }
}
