package io.streamsight.events.rules;

import io.streamsight.events.Transaction;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * A predicate over one transaction, as written in a rule's {@code condition}: a comparison of a
 * field with a value, membership of a field in a list, or {@code all} / {@code any} / {@code not}
 * of other conditions. String comparisons are exact (case-sensitive); amounts compare as decimals.
 */
public sealed interface RuleCondition {

    boolean matches(Transaction transaction);

    record All(List<RuleCondition> conditions) implements RuleCondition {
        public All {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean matches(Transaction transaction) {
            return conditions.stream().allMatch(c -> c.matches(transaction));
        }
    }

    record Any(List<RuleCondition> conditions) implements RuleCondition {
        public Any {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean matches(Transaction transaction) {
            return conditions.stream().anyMatch(c -> c.matches(transaction));
        }
    }

    record Not(RuleCondition condition) implements RuleCondition {
        @Override
        public boolean matches(Transaction transaction) {
            return !condition.matches(transaction);
        }
    }

    /** {@code field op value}; ordering operators only on numeric fields, so the value is a decimal there. */
    record Comparison(TransactionField field, ComparisonOperator op, Object value) implements RuleCondition {
        @Override
        public boolean matches(Transaction transaction) {
            Object actual = field.valueOf(transaction);
            int order = field.numeric()
                    ? ((BigDecimal) actual).compareTo((BigDecimal) value)
                    : actual.equals(value) ? 0 : 1;
            return op.holds(order);
        }
    }

    /** {@code field in values} or, negated, {@code field not_in values}. */
    record Membership(TransactionField field, boolean negated, Set<String> values) implements RuleCondition {
        public Membership {
            values = Set.copyOf(values);
        }

        @Override
        public boolean matches(Transaction transaction) {
            return values.contains(String.valueOf(field.valueOf(transaction))) != negated;
        }
    }

    enum ComparisonOperator {
        EQ,
        NE,
        GT,
        GTE,
        LT,
        LTE;

        /** Whether the operator holds for a comparison result (sign of actual minus expected). */
        boolean holds(int order) {
            return switch (this) {
                case EQ -> order == 0;
                case NE -> order != 0;
                case GT -> order > 0;
                case GTE -> order >= 0;
                case LT -> order < 0;
                case LTE -> order <= 0;
            };
        }

        boolean ordering() {
            return this != EQ && this != NE;
        }
    }
}
