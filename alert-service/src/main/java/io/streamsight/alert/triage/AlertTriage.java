package io.streamsight.alert.triage;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Where an analyst's work on one alert stands, the value under its {@code alert_id} on the
 * compacted {@code alert_labels} topic, so every replica and every restart sees it: the state,
 * who has it, the disposition once decided, and who changed it last. {@code transaction_id} is
 * the fraud alert's, which is what detection quality counts by.
 */
public record AlertTriage(
        String alertId,
        String transactionId,
        State state,
        String assignee,
        Disposition disposition,
        String note,
        String updatedBy,
        Instant updatedAt) {

    public enum State {
        @JsonProperty("open")
        OPEN,
        @JsonProperty("acknowledged")
        ACKNOWLEDGED,
        @JsonProperty("resolved")
        RESOLVED
    }

    /** The analyst's verdict: it counts as ground truth for detection quality. */
    public enum Disposition {
        @JsonProperty("fraud")
        FRAUD,
        @JsonProperty("legitimate")
        LEGITIMATE
    }

    /** An alert nobody has touched yet. */
    static AlertTriage untouched(String alertId, String transactionId) {
        return new AlertTriage(alertId, transactionId, State.OPEN, null, null, null, null, null);
    }
}
