package io.streamsight.alert.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamsight.alert.quality.QualitySnapshot.PatternQuality;
import io.streamsight.alert.quality.QualitySnapshot.RuleQuality;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetectionLedgerTest {

    private static final Instant START = Instant.ofEpochMilli(1000);
    private static final Instant END = Instant.ofEpochMilli(2000);

    private static QualitySnapshot window(DetectionLedger ledger) {
        return ledger.snapshot(START, END, Duration.ofSeconds(1), Duration.ZERO, transaction -> Optional.empty());
    }

    /** Window [1000, 2000); a transaction is placed by its first record on either topic. */
    private static DetectionLedger crafted() {
        DetectionLedger ledger = new DetectionLedger(1000);
        ledger.groundTruth("a", "high_amount", 1010);
        ledger.alert("a", List.of("amount_over_5000", "amount_over_3000"), 1020);
        ledger.groundTruth("b", "velocity_burst", 1030);
        ledger.alert("b", List.of("velocity"), 1040);
        ledger.alert("b", List.of("velocity"), 1045); // a second alert (another alert id) for the same transaction
        ledger.groundTruth("c", "velocity_burst", 1050); // missed
        ledger.alert("d", List.of("amount_over_3000"), 1060); // false positive
        ledger.alert("e", List.of("impossible_travel"), 1070); // the alert before its ground truth
        ledger.groundTruth("e", "impossible_travel", 1080);
        ledger.groundTruth("f", "suspicious_location", 1090);
        ledger.alert("f", List.of("suspicious_location"), 1100); // the stateless rules' alert
        ledger.alert("f", List.of("amount_vs_average"), 1110); // and a stateful rule's
        ledger.groundTruth("i", "electronics_spree", 1000); // on the window's start: inside, missed
        ledger.groundTruth("j", "electronics_spree", 1990);
        ledger.alert("j", List.of("electronics_over_1000"), 2010); // first seen inside, alerted after the end
        ledger.groundTruth("g", "high_amount", 2000); // on the window's end: outside
        ledger.alert("h", List.of("amount_over_3000"), 999); // before the start
        ledger.alert("k", List.of("amount_over_3000"), 2005);
        ledger.groundTruth("k", "high_amount", 995); // first seen before the start, though alerted inside
        return ledger;
    }

    @Test
    void countsEachTransactionOnceWhateverNumberOfAlertsItGot() {
        QualitySnapshot quality = window(crafted());

        assertThat(quality.transactions()).isEqualTo(8); // a b c d e f i j
        assertThat(quality.overall().groundTruth()).isEqualTo(7);
        assertThat(quality.overall().flagged()).isEqualTo(6);
        assertThat(quality.overall().truePositives()).isEqualTo(5);
        assertThat(quality.overall().falsePositives()).isEqualTo(1);
        assertThat(quality.overall().falseNegatives()).isEqualTo(2);
        assertThat(quality.overall().precision()).isCloseTo(5.0 / 6, within(1e-12));
        assertThat(quality.overall().recall()).isCloseTo(5.0 / 7, within(1e-12));
        assertThat(quality.windowStart()).isEqualTo(START);
        assertThat(quality.windowEnd()).isEqualTo(END);
    }

    /**
     * An analyst's disposition overrides the generator: d (a false positive by the generator) is
     * labelled fraud, a (a true positive) legitimate. Labels for transactions outside the window
     * change nothing.
     */
    @Test
    void analystsLabelsAreTheTruthWhereTheyExist() {
        Map<String, Boolean> labels = Map.of("d", true, "a", false, "h", true);
        QualitySnapshot quality = crafted()
                .snapshot(START, END, Duration.ofSeconds(1), Duration.ZERO, t -> Optional.ofNullable(labels.get(t)));

        assertThat(quality.labelled()).isEqualTo(2);
        assertThat(quality.truthSource()).contains("alert_labels").contains("fraud_ground_truth");
        assertThat(quality.overall().groundTruth()).isEqualTo(7); // b c e f i j d
        assertThat(quality.overall().flagged()).isEqualTo(6);
        assertThat(quality.overall().truePositives()).isEqualTo(5); // b d e f j
        assertThat(quality.overall().falsePositives()).isEqualTo(1); // a
        assertThat(quality.rules())
                .filteredOn(r -> r.ruleId().equals("amount_over_5000"))
                .singleElement()
                .satisfies(r -> assertThat(r.truePositives()).isZero());
        assertThat(quality.patterns())
                .extracting(PatternQuality::pattern)
                .as("a, labelled legitimate, no longer counts for its injected pattern")
                .doesNotContain("high_amount");
        assertThat(window(crafted()).labelled()).isZero();
    }

    @Test
    void precisionAndRecallPerRule() {
        QualitySnapshot quality = window(crafted());

        assertThat(quality.rules())
                .extracting(RuleQuality::ruleId)
                .containsExactly(
                        "amount_over_3000",
                        "amount_over_5000",
                        "amount_vs_average",
                        "electronics_over_1000",
                        "impossible_travel",
                        "suspicious_location",
                        "velocity");
        assertThat(quality.rule("amount_over_3000"))
                .isEqualTo(new RuleQuality("amount_over_3000", 2, 1, 1, 6, 0.5, 1.0 / 7));
        assertThat(quality.rule("amount_over_5000"))
                .isEqualTo(new RuleQuality("amount_over_5000", 1, 1, 0, 6, 1.0, 1.0 / 7));
        assertThat(quality.rule("velocity")).isEqualTo(new RuleQuality("velocity", 1, 1, 0, 6, 1.0, 1.0 / 7));
        assertThat(quality.rule("amount_vs_average").truePositives()).isEqualTo(1);
        // a rule that flagged nothing in the window: no precision, and it missed every fraud
        assertThat(quality.rule("never_fires")).isEqualTo(new RuleQuality("never_fires", 0, 0, 0, 7, null, 0.0));
    }

    @Test
    void recallPerPatternWithTheRulesThatCaughtIt() {
        QualitySnapshot quality = window(crafted());

        assertThat(quality.patterns())
                .extracting(PatternQuality::pattern)
                .containsExactly(
                        "electronics_spree",
                        "high_amount",
                        "impossible_travel",
                        "suspicious_location",
                        "velocity_burst");
        assertThat(quality.pattern("velocity_burst"))
                .isEqualTo(new PatternQuality("velocity_burst", 2, 1, 1, 0.5, Map.of("velocity", 1L)));
        assertThat(quality.pattern("high_amount"))
                .isEqualTo(new PatternQuality(
                        "high_amount", 1, 1, 0, 1.0, Map.of("amount_over_5000", 1L, "amount_over_3000", 1L)));
        assertThat(quality.pattern("suspicious_location").caughtBy())
                .isEqualTo(Map.of("suspicious_location", 1L, "amount_vs_average", 1L));
        assertThat(quality.pattern("electronics_spree"))
                .isEqualTo(new PatternQuality("electronics_spree", 2, 1, 1, 0.5, Map.of("electronics_over_1000", 1L)));
        assertThat(quality.pattern("impossible_travel").recall()).isEqualTo(1.0);
        assertThat(quality.pattern("not_injected"))
                .isEqualTo(new PatternQuality("not_injected", 0, 0, 0, null, Map.of()));
    }

    @Test
    void noTransactionMeansNoRatios() {
        QualitySnapshot quality = window(new DetectionLedger(10));

        assertThat(quality.transactions()).isZero();
        assertThat(quality.overall().precision()).isNull();
        assertThat(quality.overall().recall()).isNull();
        assertThat(quality.rules()).isEmpty();
        assertThat(quality.patterns()).isEmpty();
    }

    @Test
    void forgetsWhatIsOlderThanTheHorizonAndIgnoresLateRecordsForIt() {
        DetectionLedger ledger = crafted();
        ledger.forgetBefore(Instant.ofEpochMilli(1050));

        assertThat(ledger.size()).isEqualTo(6); // c d e f j g; a b h i k were first seen before 1050
        ledger.alert("a", List.of("amount_over_5000"), 1049); // a record from before the horizon: ignored
        ledger.groundTruth("late", "high_amount", 1010);
        assertThat(ledger.size()).isEqualTo(6);
        QualitySnapshot quality = window(ledger);
        assertThat(quality.transactions()).isEqualTo(5); // c d e f j
        assertThat(quality.overall().groundTruth()).isEqualTo(4);
    }

    @Test
    void beyondItsCapacityItDropsTheOldestAndNarrowsTheWindowInsteadOfUndercounting() {
        DetectionLedger ledger = new DetectionLedger(3);
        ledger.groundTruth("t1", "high_amount", 1100);
        ledger.groundTruth("t2", "high_amount", 1200);
        ledger.groundTruth("t3", "high_amount", 1300);
        ledger.alert("t4", List.of("amount_over_3000"), 1400);

        assertThat(ledger.size()).isEqualTo(3);
        QualitySnapshot quality = window(ledger);
        assertThat(quality.evictedForCapacity()).isEqualTo(1);
        assertThat(quality.windowStart()).isEqualTo(Instant.ofEpochMilli(1101));
        assertThat(quality.transactions()).isEqualTo(3);
        assertThat(quality.overall().groundTruth()).isEqualTo(2);
        assertThat(quality.overall().falsePositives()).isEqualTo(1);
    }
}
