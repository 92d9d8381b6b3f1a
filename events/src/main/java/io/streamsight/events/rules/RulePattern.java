package io.streamsight.events.rules;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * What a stateful rule looks for in one user's transactions over time, as written in a rule's
 * {@code pattern}: no single transaction can show it, so the {@code patterns} query evaluates it
 * on each user's state (docs/rules.md). The constructors validate, naming the field by its
 * key in the pattern ({@code count}); the JSON reader puts the rule's path in front.
 */
public sealed interface RulePattern {

    Duration LONGEST_WINDOW = Duration.ofDays(1);

    /** The kind's name in the rule format, and the alert type a match gets unless the rule sets one. */
    String type();

    /** More than {@code count} transactions of the user within {@code window} of event time. */
    record Velocity(int count, Duration window) implements RulePattern {
        public static final String TYPE = "velocity";

        public Velocity {
            if (count < 1) {
                throw new InvalidRuleException("count", "must be at least 1, was " + count);
            }
            if (window.toMillis() < 1000 || window.compareTo(LONGEST_WINDOW) > 0) {
                throw new InvalidRuleException(
                        "window_seconds", "must be from 1 to 86400 seconds, was " + window.toSeconds());
            }
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /**
     * An amount above {@code factor} times the mean of the user's earlier transactions, once the
     * mean is over at least {@code minCount} of them.
     */
    record UnusualAmount(BigDecimal factor, int minCount) implements RulePattern {
        public static final String TYPE = "unusual_amount";

        public UnusualAmount {
            if (factor.compareTo(BigDecimal.ONE) <= 0) {
                throw new InvalidRuleException("factor", "must be above 1, was " + factor.toPlainString());
            }
            if (minCount < 1) {
                throw new InvalidRuleException("min_count", "must be at least 1, was " + minCount);
            }
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** Consecutive transactions in cities further apart than {@code maxSpeedKmh} allows in the time between them. */
    record ImpossibleTravel(BigDecimal maxSpeedKmh) implements RulePattern {
        public static final String TYPE = "impossible_travel";

        public ImpossibleTravel {
            if (maxSpeedKmh.signum() <= 0) {
                throw new InvalidRuleException("max_speed_kmh", "must be above 0, was " + maxSpeedKmh.toPlainString());
            }
        }

        @Override
        public String type() {
            return TYPE;
        }
    }
}
