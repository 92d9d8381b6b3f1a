package io.streamsight.events.rules;

import io.streamsight.events.Transaction;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A predicate over one transaction, as written in a rule's {@code condition}: a comparison of a
 * field with a value, membership of a field in a list, or {@code all} / {@code any} / {@code not}
 * of other conditions. String comparisons are exact (case-sensitive); amounts compare as decimals.
 */
public sealed interface RuleCondition {

    /** Membership lists longer than this are shown by their first values and their size. */
    int LISTED_VALUES = 5;

    boolean matches(Transaction transaction);

    /**
     * Why a condition that matches a transaction matched, as the values that made it hold, e.g.
     * {@code amount 12000.00 > 10000}: one line per comparison that decided it (for {@code any},
     * those of the branches that matched). Only meaningful when {@link #matches} is true. A leaf,
     * or a {@code not}, explains itself in one line: its {@link #describe description}.
     */
    default List<String> explain(Transaction transaction) {
        return List.of(describe(transaction));
    }

    /** The condition with the transaction's values, whether it holds or not: what {@code not} negates. */
    String describe(Transaction transaction);

    record All(List<RuleCondition> conditions) implements RuleCondition {
        public All {
            conditions = List.copyOf(conditions);
        }

        @Override
        public boolean matches(Transaction transaction) {
            return conditions.stream().allMatch(c -> c.matches(transaction));
        }

        @Override
        public List<String> explain(Transaction transaction) {
            return conditions.stream()
                    .flatMap(c -> c.explain(transaction).stream())
                    .toList();
        }

        @Override
        public String describe(Transaction transaction) {
            return joined(conditions, " and ", transaction);
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

        @Override
        public List<String> explain(Transaction transaction) {
            return conditions.stream()
                    .filter(c -> c.matches(transaction))
                    .flatMap(c -> c.explain(transaction).stream())
                    .toList();
        }

        @Override
        public String describe(Transaction transaction) {
            return joined(conditions, " or ", transaction);
        }
    }

    record Not(RuleCondition condition) implements RuleCondition {
        @Override
        public boolean matches(Transaction transaction) {
            return !condition.matches(transaction);
        }

        @Override
        public String describe(Transaction transaction) {
            return "not (" + condition.describe(transaction) + ")";
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

        @Override
        public String describe(Transaction transaction) {
            return field.jsonName() + " " + shown(field.valueOf(transaction)) + " " + op.symbol() + " " + shown(value);
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

        @Override
        public String describe(Transaction transaction) {
            List<String> sorted = values.stream().sorted().toList();
            String listed = sorted.size() <= LISTED_VALUES
                    ? String.join(", ", sorted)
                    : String.join(", ", sorted.subList(0, LISTED_VALUES)) + ", ... (" + sorted.size() + " values)";
            return field.jsonName() + " " + shown(field.valueOf(transaction)) + (negated ? " not in [" : " in [")
                    + listed + "]";
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

        String symbol() {
            return switch (this) {
                case EQ -> "=";
                case NE -> "!=";
                case GT -> ">";
                case GTE -> ">=";
                case LT -> "<";
                case LTE -> "<=";
            };
        }
    }

    private static String joined(List<RuleCondition> conditions, String separator, Transaction transaction) {
        return conditions.stream().map(c -> c.describe(transaction)).collect(Collectors.joining(separator, "(", ")"));
    }

    /** Amounts as written (12000.00, not 1.2E+4). */
    private static String shown(Object value) {
        return value instanceof BigDecimal decimal ? decimal.toPlainString() : String.valueOf(value);
    }
}
