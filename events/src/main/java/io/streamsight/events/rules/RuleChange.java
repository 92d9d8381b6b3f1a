package io.streamsight.events.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.events.MalformedEventException;
import java.time.Instant;

/**
 * One change to a fraud rule, appended to {@code fraud_rules_audit} under the rule id after the
 * change is on {@code fraud_rules}: who made it (the identity of the API token used), when, and
 * the rule before and after (null where it did not exist). A rule's history is its records in
 * offset order; {@code source_offset} is the {@code fraud_rules} record that carried the change.
 */
public record RuleChange(
        String ruleId,
        Action action,
        String actor,
        Instant at,
        ObjectNode before,
        ObjectNode after,
        long sourceOffset,
        Integer rolledBackTo) {

    public RuleChange {
        if (ruleId == null || ruleId.isBlank()) {
            throw new MalformedEventException("rule_id", "is required");
        }
        if (action == null || actor == null || at == null) {
            throw new MalformedEventException(
                    action == null ? "action" : actor == null ? "actor" : "at", "is required");
        }
    }

    public enum Action {
        @com.fasterxml.jackson.annotation.JsonProperty("put")
        PUT,
        @com.fasterxml.jackson.annotation.JsonProperty("enable")
        ENABLE,
        @com.fasterxml.jackson.annotation.JsonProperty("disable")
        DISABLE,
        @com.fasterxml.jackson.annotation.JsonProperty("delete")
        DELETE,
        @com.fasterxml.jackson.annotation.JsonProperty("rollback")
        ROLLBACK,
        @com.fasterxml.jackson.annotation.JsonProperty("promote")
        PROMOTE
    }
}
