package io.streamsight.events.rules;

/**
 * One stateless detection rule as data: {@code rule_id} names it in alerts' {@code rules},
 * {@code priority} orders it there (lower first, then by id) and decides which matched rule
 * sets the alert type. A {@link Mode#SHADOW} rule is evaluated beside the others but its matches
 * go to {@code fraud_shadow_alerts}, never to an alert. Build it from JSON with
 * {@link FraudRuleJson#read}, which validates.
 */
public record FraudRule(
        String ruleId,
        String description,
        boolean enabled,
        int priority,
        RuleCondition condition,
        RuleEffect sets,
        Mode mode) {

    public enum Mode {
        LIVE,
        SHADOW
    }

    public FraudRule withEnabled(boolean enabled) {
        return new FraudRule(ruleId, description, enabled, priority, condition, sets, mode);
    }

    public FraudRule withMode(Mode mode) {
        return new FraudRule(ruleId, description, enabled, priority, condition, sets, mode);
    }
}
