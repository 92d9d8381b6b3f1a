package io.streamsight.spark.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.events.rules.FraudRule;
import io.streamsight.events.rules.FraudRuleJson;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stateful rules worked by hand, one user at a time, without Spark. */
class PatternDetectorTest {

    private static final long T0 = Instant.parse("2026-11-25T10:00:00Z").toEpochMilli();

    private final PatternDetector detector = new PatternDetector(Duration.ofHours(1), CityCoordinates.shipped());
    private List<FraudRule> rules = List.of(
            rule("impossible_travel", "live", "{\"type\":\"impossible_travel\",\"max_speed_kmh\":900}"),
            rule("velocity", "live", "{\"type\":\"velocity\",\"count\":3,\"window_seconds\":120}"),
            rule("amount_vs_average", "live", "{\"type\":\"unusual_amount\",\"factor\":5,\"min_count\":3}"));
    private UserProfile profile;
    private List<String> explanations = List.of();

    private static FraudRule rule(String id, String mode, String pattern) {
        return FraudRuleJson.read("{\"rule_id\":\"%s\",\"mode\":\"%s\",\"pattern\":%s}".formatted(id, mode, pattern));
    }

    /** Applies a transaction and returns "id:rule" for each match it gave. */
    private List<String> tx(String id, String amount, String city, Duration after) {
        List<PatternDetector.Match> matches = new ArrayList<>();
        profile = detector.transaction(
                profile,
                new SeenTransaction(id, new BigDecimal(amount), "Shop", "Books", city, T0 + after.toMillis()),
                rules,
                matches);
        explanations = matches.stream().map(PatternDetector.Match::explanation).toList();
        return matches.stream()
                .map(m -> m.transaction().getTransactionId() + ":" + m.rule().ruleId())
                .toList();
    }

    @Test
    void velocityFlagsTheWholeBurstOnceItExceedsTheCount() {
        assertThat(tx("a", "10", "Madrid", Duration.ofSeconds(0))).isEmpty();
        assertThat(tx("b", "10", "Madrid", Duration.ofSeconds(10))).isEmpty();
        assertThat(tx("c", "10", "Madrid", Duration.ofSeconds(20))).isEmpty();
        assertThat(tx("d", "10", "Madrid", Duration.ofSeconds(30)))
                .containsExactly("a:velocity", "b:velocity", "c:velocity", "d:velocity");
        assertThat(tx("e", "10", "Madrid", Duration.ofSeconds(40))).containsExactly("e:velocity");
        // The window is (30 s, 150 s]: only e and f are in it.
        assertThat(tx("f", "10", "Madrid", Duration.ofSeconds(150))).isEmpty();
        assertThat(profile.getRecent())
                .extracting(SeenTransaction::getTransactionId)
                .containsExactly("e", "f");
    }

    @Test
    void anAmountFarAboveTheRunningMeanIsFlaggedAndKeptOutOfTheMean() {
        assertThat(tx("a", "10", "Madrid", Duration.ofMinutes(0))).isEmpty();
        assertThat(tx("b", "20", "Madrid", Duration.ofMinutes(5))).isEmpty();
        assertThat(tx("c", "30", "Madrid", Duration.ofMinutes(10))).isEmpty();
        // mean 20, factor 5: strictly above 100 is unusual
        assertThat(tx("d", "100.01", "Madrid", Duration.ofMinutes(15))).containsExactly("d:amount_vs_average");
        assertThat(tx("e", "100.00", "Madrid", Duration.ofMinutes(20))).isEmpty();
        assertThat(profile.getCount()).isEqualTo(4);
        assertThat(profile.getTotal()).isEqualByComparingTo("160.00");
    }

    @Test
    void tooFewTransactionsGiveNoMeanToCompareWith() {
        assertThat(tx("a", "10", "Madrid", Duration.ofMinutes(0))).isEmpty();
        assertThat(tx("b", "5000", "Madrid", Duration.ofMinutes(5))).isEmpty();
    }

    @Test
    void travelFasterThanAPlaneIsImpossibleUnlessTheProfileMovedThere() {
        assertThat(tx("a", "10", "Madrid", Duration.ofMinutes(0))).isEmpty();
        // Madrid - Barcelona is about 505 km: in 10 minutes that is about 3000 km/h.
        assertThat(tx("b", "10", "Barcelona", Duration.ofMinutes(10))).containsExactly("b:impossible_travel");
        // The flagged payment did not move the card holder: Madrid again right after is no travel.
        assertThat(tx("b2", "10", "Madrid", Duration.ofMinutes(11))).isEmpty();
        assertThat(tx("b3", "10", "Barcelona", Duration.ofMinutes(12))).containsExactly("b3:impossible_travel");
        // Compared with the last unflagged payment, in Madrid too.
        assertThat(tx("c", "10", "Madrid", Duration.ofMinutes(130))).isEmpty();
        // Not in the city table: not judged.
        assertThat(tx("d", "10", "suspicious_country1", Duration.ofMinutes(131)))
                .isEmpty();
        assertThat(tx("e", "10", "Madrid", Duration.ofMinutes(132))).isEmpty();
        profile =
                detector.home(profile, "Valencia", T0 + Duration.ofMinutes(133).toMillis());
        assertThat(tx("f", "10", "Valencia", Duration.ofMinutes(134))).isEmpty();
        assertThat(tx("g", "10", "Paris", Duration.ofMinutes(135))).containsExactly("g:impossible_travel");
    }

    /** Each match says which values made it fire, as an analyst reads them on the alert. */
    @Test
    void everyMatchExplainsItselfWithTheValuesThatMadeItFire() {
        tx("a", "10", "Madrid", Duration.ofSeconds(0));
        tx("b", "20", "Madrid", Duration.ofSeconds(20));
        tx("c", "30", "Madrid", Duration.ofSeconds(40));
        assertThat(tx("d", "100.01", "Madrid", Duration.ofSeconds(50)))
                .containsExactly("a:velocity", "b:velocity", "c:velocity", "d:velocity", "d:amount_vs_average");
        assertThat(explanations)
                .containsExactly(
                        "4 payments in 2 min > 3",
                        "4 payments in 2 min > 3",
                        "4 payments in 2 min > 3",
                        "4 payments in 2 min > 3",
                        "amount 100.01 > 5 x average 20.00 of 3 payments");
        assertThat(tx("e", "10", "Barcelona", Duration.ofMinutes(20))).containsExactly("e:impossible_travel");
        assertThat(explanations)
                .singleElement()
                .asString()
                .matches("Madrid -> Barcelona 5\\d\\d km in 19 min 10 s \\(\\d+ km/h > 900 km/h\\)");
        assertThat(PatternDetector.shown(Duration.ofMillis(1500))).isEqualTo("1.5 s");
        assertThat(PatternDetector.shown(Duration.ZERO)).isEqualTo("0 s");
    }

    @Test
    void stateExpiresAfterTheIdleExpiryOfEventTime() {
        tx("a", "10", "Madrid", Duration.ofMinutes(0));
        tx("b", "10", "Madrid", Duration.ofMinutes(1));
        tx("c", "10", "Madrid", Duration.ofMinutes(2));
        assertThat(detector.expired(profile, T0 + Duration.ofMinutes(62).toMillis()))
                .isFalse();
        assertThat(detector.expired(profile, T0 + Duration.ofMinutes(62).toMillis() + 1))
                .isTrue();
        // Within the expiry the mean of 10 makes 60 unusual; after it the user starts afresh.
        assertThat(tx("d", "60", "Barcelona", Duration.ofMinutes(62).plusMillis(1)))
                .isEmpty();
        assertThat(profile.getCount()).isEqualTo(1);
        assertThat(profile.getRecent()).hasSize(1);
    }

    /** An analyst's change applies from the next transaction on, to the state built so far. */
    @Test
    void aChangedThresholdAppliesFromTheNextTransaction() {
        assertThat(tx("a", "10", "Madrid", Duration.ofSeconds(0))).isEmpty();
        assertThat(tx("b", "10", "Madrid", Duration.ofSeconds(10))).isEmpty();
        rules = List.of(rule("velocity", "live", "{\"type\":\"velocity\",\"count\":2,\"window_seconds\":60}"));
        assertThat(tx("c", "10", "Madrid", Duration.ofSeconds(20)))
                .containsExactly("a:velocity", "b:velocity", "c:velocity");
        assertThat(explanations).containsOnly("3 payments in 1 min > 2");
        rules = List.of();
        assertThat(tx("d", "5000", "Paris", Duration.ofSeconds(30))).isEmpty();
        assertThat(profile.getRecent()).as("no velocity rule: nothing to keep").hasSize(1);
    }

    /**
     * A shadow rule matches beside the live ones, each velocity rule flags a payment once, and only
     * live matches shape the state: trying a rule in shadow never changes a live alert.
     */
    @Test
    void shadowRulesMatchBesideTheLiveOnesWithoutShapingTheState() {
        rules = List.of(
                rule("impossible_travel", "live", "{\"type\":\"impossible_travel\",\"max_speed_kmh\":900}"),
                rule("slow_travel", "shadow", "{\"type\":\"impossible_travel\",\"max_speed_kmh\":100}"),
                rule("velocity", "live", "{\"type\":\"velocity\",\"count\":3,\"window_seconds\":120}"),
                rule("burst", "shadow", "{\"type\":\"velocity\",\"count\":2,\"window_seconds\":30}"),
                rule("doubled", "shadow", "{\"type\":\"unusual_amount\",\"factor\":2,\"min_count\":1}"));
        assertThat(tx("a", "10", "Madrid", Duration.ofMinutes(0))).isEmpty();
        // Madrid - Valencia is about 300 km: some 600 km/h in 30 min, slow for a plane, fast for the shadow rule
        assertThat(tx("b", "30", "Valencia", Duration.ofMinutes(30))).containsExactly("b:slow_travel", "b:doubled");
        assertThat(profile.getLastLocation())
                .as("a shadow match moves the user")
                .isEqualTo("Valencia");
        assertThat(profile.getCount()).as("and counts in the mean").isEqualTo(2);
        assertThat(tx("c", "10", "Valencia", Duration.ofMinutes(30).plusSeconds(10)))
                .isEmpty();
        assertThat(tx("d", "10", "Valencia", Duration.ofMinutes(30).plusSeconds(20)))
                .containsExactly("b:burst", "c:burst", "d:burst");
        assertThat(tx("e", "10", "Valencia", Duration.ofMinutes(30).plusSeconds(25)))
                .containsExactly("b:velocity", "c:velocity", "d:velocity", "e:velocity", "e:burst");
    }
}
