package io.streamsight.alert.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.events.rules.RuleChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every rule's changes as {@code fraud_rules_audit} holds them, numbered: version {@code n} is the
 * rule after its {@code n}th recorded change, version 0 the rule before the first one (from the
 * rules file, an older record of {@code fraud_rules}, or nothing). The numbers are positions in a
 * one-partition topic, so every replica gives a version the same number.
 */
final class RuleHistory {

    private final Map<String, List<RuleChange>> changes = new ConcurrentHashMap<>();

    void record(RuleChange change) {
        changes.compute(change.ruleId(), (id, earlier) -> {
            List<RuleChange> all = earlier == null ? new ArrayList<>() : new ArrayList<>(earlier);
            all.add(change);
            return List.copyOf(all);
        });
    }

    /** The recorded changes of a rule, oldest first; change {@code i} (0-based) made version {@code i + 1}. */
    List<RuleChange> of(String ruleId) {
        return changes.getOrDefault(ruleId, List.of());
    }

    /**
     * The rule as version {@code version} left it: empty where the rule did not exist then. Throws
     * {@link IndexOutOfBoundsException} for a version the rule never had.
     */
    Optional<ObjectNode> version(String ruleId, int version) {
        List<RuleChange> recorded = of(ruleId);
        if (version < 0 || version > recorded.size() || recorded.isEmpty()) {
            throw new IndexOutOfBoundsException(
                    "rule '" + ruleId + "' has versions 0 to " + recorded.size() + " recorded, not " + version);
        }
        return Optional.ofNullable(
                version == 0
                        ? recorded.get(0).before()
                        : recorded.get(version - 1).after());
    }
}
