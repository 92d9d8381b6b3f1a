package io.streamsight.alert.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.events.rules.RuleStatus;

/**
 * A rule in force as the API shows it.
 *
 * @param rule the rule JSON (docs/rules.md)
 * @param source {@code rules_file} (the base set, never changed) or {@code fraud_rules} (put through the topic)
 * @param offset the {@code fraud_rules} offset of this version; null for a rule from the file
 * @param pipeline spark-app's last report for this rule id from {@code fraud_rule_status}, if any:
 *     this version is in force in the fraud query once it is {@code active} with a
 *     {@code source_offset} at or after {@code offset}
 */
public record RuleView(ObjectNode rule, String source, Long offset, RuleStatus pipeline) {

    public static final String RULES_FILE = "rules_file";
    public static final String FRAUD_RULES = "fraud_rules";
}
