package io.streamsight.events.rules;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules in force: a base set (the rules file) overlaid by the records of the compacted
 * {@code fraud_rules} topic in offset order, where a value puts a rule and a tombstone deletes
 * one. An invalid record is rejected and changes nothing, so the rule's previous version stays
 * active. Not thread-safe: one reader applies records and publishes {@link #book()} snapshots.
 */
public final class EffectiveRules {

    private final Map<String, FraudRule> rules = new LinkedHashMap<>();
    private RuleBook book;

    public EffectiveRules(Collection<FraudRule> base) {
        base.forEach(rule -> rules.put(rule.ruleId(), rule));
        book = RuleBook.of(rules.values());
    }

    /** Applies one {@code fraud_rules} record: key = rule id, value = rule JSON or null (tombstone). */
    public RuleStatus apply(String key, byte[] value, long offset) {
        if (key == null || key.isBlank()) {
            return new RuleStatus(
                    key,
                    RuleStatus.State.REJECTED,
                    "field '<key>': a rule record needs the rule id as its key",
                    offset,
                    Instant.now());
        }
        if (value == null) {
            rules.remove(key);
            book = RuleBook.of(rules.values());
            return new RuleStatus(key, RuleStatus.State.DELETED, null, offset, Instant.now());
        }
        try {
            FraudRule rule = FraudRuleJson.read(value);
            if (!rule.ruleId().equals(key)) {
                throw new InvalidRuleException(
                        "rule_id", "'" + rule.ruleId() + "' differs from the record key '" + key + "'");
            }
            rules.put(key, rule);
            book = RuleBook.of(rules.values());
            return new RuleStatus(key, RuleStatus.State.ACTIVE, null, offset, Instant.now());
        } catch (InvalidRuleException e) {
            return new RuleStatus(key, RuleStatus.State.REJECTED, e.getMessage(), offset, Instant.now());
        }
    }

    /** {@link #apply(String, byte[], long)} for a key given as bytes, as Kafka delivers it. */
    public RuleStatus apply(byte[] key, byte[] value, long offset) {
        return apply(key == null ? null : new String(key, StandardCharsets.UTF_8), value, offset);
    }

    /** An immutable snapshot of the rules now in force. */
    public RuleBook book() {
        return book;
    }
}
