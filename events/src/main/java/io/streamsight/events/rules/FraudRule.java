package io.streamsight.events.rules;

/**
 * One detection rule as data: {@code rule_id} names it in alerts' {@code rules}, {@code priority}
 * orders it there (lower first, then by id) and decides which matched rule sets the alert type.
 * A stateless rule has a {@code condition} on one transaction, which the real-time fraud query
 * evaluates; a stateful one has a {@code pattern} over the user's transactions, which the
 * {@code patterns} query evaluates; a rule has exactly one of the two. A {@link Mode#SHADOW}
 * rule is evaluated beside the others but its matches go to {@code fraud_shadow_alerts}, never
 * to an alert. Build it from JSON with {@link FraudRuleJson#read}, which validates.
 */
public record FraudRule(
        String ruleId,
        String description,
        boolean enabled,
        int priority,
        RuleCondition condition,
        RulePattern pattern,
        RuleEffect sets,
        Mode mode) {

    public enum Mode {
        LIVE,
        SHADOW
    }

    public FraudRule {
        if ((condition == null) == (pattern == null)) {
            throw new IllegalArgumentException("rule " + ruleId + " needs exactly one of a condition and a pattern");
        }
    }

    public boolean stateful() {
        return pattern != null;
    }

    public FraudRule withEnabled(boolean enabled) {
        return new FraudRule(ruleId, description, enabled, priority, condition, pattern, sets, mode);
    }

    public FraudRule withMode(Mode mode) {
        return new FraudRule(ruleId, description, enabled, priority, condition, pattern, sets, mode);
    }
}
