package io.streamsight.events.rules;

import java.time.Instant;

/**
 * What the fraud pipeline made of one record of {@code fraud_rules}, published on the compacted
 * {@code fraud_rule_status} topic under the rule id: {@code active} (applied), {@code rejected}
 * (invalid; {@code reason} says why, and the previous version of the rule stays in force) or
 * {@code deleted} (a tombstone). {@code source_offset} is the {@code fraud_rules} record's offset,
 * so a writer knows when its own change has been applied.
 */
public record RuleStatus(String ruleId, State status, String reason, long sourceOffset, Instant appliedAt) {

    public enum State {
        @com.fasterxml.jackson.annotation.JsonProperty("active")
        ACTIVE,
        @com.fasterxml.jackson.annotation.JsonProperty("rejected")
        REJECTED,
        @com.fasterxml.jackson.annotation.JsonProperty("deleted")
        DELETED
    }
}
