package io.streamsight.alert.backtest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A backtest as {@code /rules/backtest/{id}} shows it: where it stands, and once it has
 * succeeded, what the rules in force and the candidate rules made of the same transactions.
 */
public record BacktestReport(
        String id,
        State state,
        String requestedBy,
        Instant from,
        Instant until,
        Instant submittedAt,
        Instant finishedAt,
        Instant updatedAt,
        Progress progress,
        String error,
        Result result) {

    /**
     * This report as a replica other than the one running it should show it: a backtest whose
     * replica has not reported for {@code silence} was abandoned (the replica stopped) and failed.
     */
    BacktestReport seenAt(Instant now, Duration silence) {
        if (finishedAt != null || updatedAt.plus(silence).isAfter(now)) {
            return this;
        }
        return new BacktestReport(
                id,
                State.FAILED,
                requestedBy,
                from,
                until,
                submittedAt,
                null,
                updatedAt,
                progress,
                "abandoned: the replica running it has not reported since " + updatedAt + " (it stopped)",
                null);
    }

    public enum State {
        @com.fasterxml.jackson.annotation.JsonProperty("queued")
        QUEUED,
        @com.fasterxml.jackson.annotation.JsonProperty("running")
        RUNNING,
        @com.fasterxml.jackson.annotation.JsonProperty("succeeded")
        SUCCEEDED,
        @com.fasterxml.jackson.annotation.JsonProperty("failed")
        FAILED
    }

    /** Records of {@code transactions} read so far of the range's total. */
    public record Progress(long read, long total) {}

    /**
     * @param transactions the transactions in the range that were evaluated
     * @param unreadable records in the range that are not valid transactions (they never reach the rules live either)
     * @param fraudulent transactions that are fraud by an analyst's label, or else by the ground truth
     */
    public record Result(
            long transactions,
            long unreadable,
            long fraudulent,
            String groundTruthSource,
            Quality inForce,
            Quality candidate,
            List<RuleOutcome> rules,
            long newlyFlagged,
            long noLongerFlagged,
            List<ChangedVerdict> changed) {}

    /** Transactions flagged, those of them that are fraud, and the ratios; a ratio is null where it divides by zero. */
    public record Quality(long flagged, long truePositives, Double precision, Double recall) {}

    /** One rule under both sets; null where the set has no rule of that id. */
    public record RuleOutcome(String ruleId, Quality inForce, Quality candidate) {}

    /** A transaction the candidate rules would flag where those in force do not, or the reverse. */
    public record ChangedVerdict(
            String transactionId,
            String userId,
            BigDecimal amount,
            String category,
            String location,
            Instant timestamp,
            String fraudPattern,
            List<String> inForceRules,
            List<String> candidateRules) {}
}
