package io.streamsight.generator.synth;

import java.math.BigDecimal;

/**
 * A transaction decided ahead of its slot (the steps of a multi-transaction fraud pattern);
 * {@code fraud} is the pattern it is ground truth for, or null when the step itself is benign.
 */
record PlannedTransaction(
        int user, Category category, String merchant, BigDecimal amount, String location, FraudPattern fraud) {}
