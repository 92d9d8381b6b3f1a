package io.streamsight.spark.fraud;

import io.streamsight.events.rules.RuleBook;
import io.streamsight.spark.pipeline.FraudRules;
import java.io.Serializable;

/**
 * Where the fraud query finds the rules in force when it evaluates a row. It travels to the
 * executors with the query, so it holds only what is needed to find or rebuild the rules there.
 */
public interface RuleBookSource extends Serializable {

    RuleBook current();

    /** Always the rules of {@code rules}: for pure transformations on static data. */
    static RuleBookSource fixed(FraudRules rules) {
        return new Fixed(rules);
    }

    final class Fixed implements RuleBookSource {
        private final FraudRules rules;
        private transient volatile RuleBook book;

        private Fixed(FraudRules rules) {
            this.rules = rules;
        }

        @Override
        public RuleBook current() {
            RuleBook result = book;
            if (result == null) {
                result = RuleBook.of(rules.rules());
                book = result;
            }
            return result;
        }
    }
}
