package io.streamsight.events.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.streamsight.events.Severity;
import io.streamsight.events.Transaction;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FraudRuleJsonTest {

    private static final RuleBook DEFAULTS = RuleBook.of(FraudRuleJson.defaults());

    private static Transaction tx(String amount, String category, String location) {
        return new Transaction(
                "t-1",
                "u-1",
                new BigDecimal(amount),
                "EUR",
                "Shop",
                category,
                location,
                Instant.parse("2026-11-25T10:15:30Z"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                // amount | category    | location            | rules                                              |
                // type                | severity | risk
                "5000     | Home        | Madrid              | amount_over_3000                                   | general_alert       | medium   | 100",
                "5000.01  | Home        | Madrid              | amount_over_5000,amount_over_3000                  | general_alert       | high     | 100",
                "3000     | Home        | Madrid              |                                                    |                     |          |",
                "1000     | Electronics | Madrid              |                                                    |                     |          |",
                "1000.01  | Electronics | Madrid              | electronics_over_1000                              | general_alert       | medium   | 75",
                "10000.01 | Electronics | suspicious_country1 | amount_over_5000,suspicious_location,amount_over_3000,electronics_over_1000 | high_amount | critical | 100",
                "10000    | Home        | suspicious_country2 | amount_over_5000,suspicious_location,amount_over_3000 | suspicious_location | high   | 100",
                "12.50    | Food        | suspicious_country1 | suspicious_location                                | suspicious_location | medium   | 25",
                "600      | Food        | suspicious_country1 | suspicious_location                                | suspicious_location | medium   | 50",
            })
    void theDefaultFileGivesDesignSection7sVerdicts(
            String amount, String category, String location, String rules, String type, String severity, Integer risk) {
        RuleBook.Verdict verdict = DEFAULTS.evaluate(tx(amount, category, location));
        if (rules == null) {
            assertThat(verdict.flagged()).isFalse();
            return;
        }
        assertThat(verdict.rules()).containsExactly(rules.split(","));
        assertThat(verdict.alertType()).isEqualTo(type);
        assertThat(verdict.severity().wireName()).isEqualTo(severity);
        assertThat(verdict.riskScore()).isEqualTo(risk);
    }

    /** Each matched rule says which values made it fire: the comparisons that decided, with the transaction's values. */
    @Test
    void aVerdictExplainsEachMatchedRuleWithTheValuesThatMadeItFire() {
        RuleBook.Verdict laptop = DEFAULTS.evaluate(tx("12000.00", "Electronics", "suspicious_country1"));
        assertThat(laptop.explanations())
                .containsExactly(
                        Map.entry("amount_over_5000", List.of("amount 12000.00 > 5000")),
                        Map.entry(
                                "suspicious_location",
                                List.of("location suspicious_country1 in [suspicious_country1, suspicious_country2]")),
                        Map.entry("amount_over_3000", List.of("amount 12000.00 > 3000")),
                        Map.entry(
                                "electronics_over_1000",
                                List.of("category Electronics = Electronics", "amount 12000.00 > 1000")));

        FraudRule gift = FraudRuleJson.read("""
                {"rule_id":"gift_cards","condition":{"all":[{"field":"category","op":"eq","value":"Gift cards"},
                 {"any":[{"field":"amount","op":"gte","value":200},{"not":{"field":"currency","op":"in","values":["EUR","USD"]}}]}]}}""");
        RuleBook book = RuleBook.of(List.of(gift));
        assertThat(book.evaluate(tx("250", "Gift cards", "Madrid"))
                        .explanations()
                        .get("gift_cards"))
                .as("of an any, only the branch that matched")
                .containsExactly("category Gift cards = Gift cards", "amount 250 >= 200");
        Transaction yen = new Transaction(
                "tx-yen", "user-1", new BigDecimal("20"), "JPY", "Shop", "Gift cards", "Tokyo", Instant.now());
        assertThat(book.evaluate(yen).explanations().get("gift_cards"))
                .containsExactly("category Gift cards = Gift cards", "not (currency JPY in [EUR, USD])");
        assertThat(book.evaluate(tx("20", "Food", "Madrid")).explanations()).isEmpty();

        FraudRule many = FraudRuleJson.read("""
                {"rule_id":"many","condition":{"field":"location","op":"in","values":["a","b","c","d","e","f","Madrid"]}}""");
        assertThat(RuleBook.of(List.of(many))
                        .evaluate(tx("1", "Food", "Madrid"))
                        .explanations()
                        .get("many"))
                .containsExactly("location Madrid in [Madrid, a, b, c, d, ... (7 values)]");
    }

    /** A shadow rule never flags in the book; its own shadow book says what it would flag, and the mode round-trips. */
    @Test
    void aShadowRuleFlagsOnlyInTheShadowBook() {
        FraudRule groceries = FraudRuleJson.read("""
                {"rule_id":"groceries_over_800","mode":"shadow",
                 "condition":{"all":[{"field":"category","op":"eq","value":"Groceries"},{"field":"amount","op":"gt","value":800}]}}""");
        assertThat(groceries.mode()).isEqualTo(FraudRule.Mode.SHADOW);
        assertThat(FraudRuleJson.read(FraudRuleJson.write(groceries))).isEqualTo(groceries);
        assertThat(FraudRuleJson.toTree(groceries.withMode(FraudRule.Mode.LIVE)).has("mode"))
                .isFalse();

        List<FraudRule> rules = new ArrayList<>(FraudRuleJson.defaults());
        rules.add(groceries);
        RuleBook book = RuleBook.of(rules);
        Transaction basket = tx("900.00", "Groceries", "Madrid");
        assertThat(book.evaluate(basket).flagged()).isFalse();
        RuleBook.Verdict shadow = book.shadow().evaluate(basket);
        assertThat(shadow.rules()).containsExactly("groceries_over_800");
        assertThat(shadow.explanations().get("groceries_over_800"))
                .containsExactly("category Groceries = Groceries", "amount 900.00 > 800");
        assertThat(book.shadow().evaluate(tx("6000.00", "Travel", "Madrid")).flagged())
                .as("the live rules are not in the shadow book")
                .isFalse();
        assertThat(book.shadow().shadow().rules()).isEmpty();
        assertThat(book.shadow().canFlag()).isTrue();
        assertThatThrownBy(() -> FraudRuleJson.read("""
                        {"rule_id":"x","mode":"dark","condition":{"field":"amount","op":"gt","value":1}}""")).hasMessageContaining("mode");
    }

    @Test
    void floorsRaiseSeverityAndRiskScoreButNeverLowerThem() {
        FraudRule gift = FraudRuleJson.read("""
                {"rule_id":"gift_cards","condition":{"all":[{"field":"category","op":"eq","value":"Gift cards"},
                 {"any":[{"field":"amount","op":"gte","value":200},{"not":{"field":"currency","op":"in","values":["EUR","USD"]}}]}]},
                 "sets":{"alert_type":"gift_card_cashout","severity":"high","risk_score":60}}""");
        RuleBook book = RuleBook.of(List.of(gift));
        RuleBook.Verdict small = book.evaluate(tx("250", "Gift cards", "Madrid"));
        assertThat(small.rules()).containsExactly("gift_cards");
        assertThat(small.alertType()).isEqualTo("gift_card_cashout");
        assertThat(small.severity()).isEqualTo(Severity.HIGH);
        assertThat(small.riskScore()).isEqualTo(60);
        RuleBook.Verdict large = book.evaluate(tx("12000", "Gift cards", "Madrid"));
        assertThat(large.alertType()).isEqualTo("high_amount");
        assertThat(large.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(large.riskScore()).isEqualTo(100);
        assertThat(book.evaluate(tx("150", "Gift cards", "Madrid")).flagged()).isFalse();
        assertThat(book.evaluate(tx("20", "Food", "Madrid")).flagged()).isFalse();
        assertThat(RuleBook.of(List.of(gift.withEnabled(false)))
                        .evaluate(tx("250", "Gift cards", "Madrid"))
                        .flagged())
                .isFalse();
    }

    @Test
    void writingAndReadingAgainGivesTheSameRule() {
        for (FraudRule rule : FraudRuleJson.defaults()) {
            assertThat(FraudRuleJson.read(FraudRuleJson.write(rule))).isEqualTo(rule);
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"condition\":{\"field\":\"amount\",\"op\":\"gt\",\"value\":1}}                        | rule_id",
                "{\"rule_id\":\"Bad Id\",\"condition\":{\"field\":\"amount\",\"op\":\"gt\",\"value\":1}}  | rule_id",
                "{\"rule_id\":\"r\"}                                                                       | condition",
                "{\"rule_id\":\"r\",\"condition\":{\"field\":\"amont\",\"op\":\"gt\",\"value\":1}}         | condition.field",
                "{\"rule_id\":\"r\",\"condition\":{\"field\":\"amount\",\"op\":\"bigger\",\"value\":1}}    | condition.op",
                "{\"rule_id\":\"r\",\"condition\":{\"field\":\"amount\",\"op\":\"gt\",\"value\":\"x\"}}    | condition.value",
                "{\"rule_id\":\"r\",\"condition\":{\"field\":\"location\",\"op\":\"gt\",\"value\":\"x\"}}  | condition.op",
                "{\"rule_id\":\"r\",\"condition\":{\"field\":\"location\",\"op\":\"in\",\"values\":[]}}    | condition.values",
                "{\"rule_id\":\"r\",\"condition\":{\"all\":[{\"field\":\"amount\",\"op\":\"gt\"}]}}        | condition.all[0].value",
                "{\"rule_id\":\"r\",\"condition\":{\"any\":[]}}                                            | condition.any",
                "{\"rule_id\":\"r\",\"condition\":{\"field\":\"amount\",\"op\":\"gt\",\"value\":1},\"sets\":{\"severity\":\"huge\"}} | sets.severity",
                "{\"rule_id\":\"r\",\"condition\":{\"field\":\"amount\",\"op\":\"gt\",\"value\":1},\"sets\":{\"risk_score\":101}}    | sets.risk_score",
                "{\"rule_id\":\"r\",\"condition\":{\"field\":\"amount\",\"op\":\"gt\",\"value\":1},\"enabeld\":false}                | enabeld",
                "{\"rule_id\":\"r\",\"condition\":{\"field\":\"amount\",\"op\":\"gt\",\"value\":1},\"priority\":1.5}                 | priority",
                "[1,2]                                                                                     | <document>",
                "{\"rule_id\":                                                                             | <document>",
            })
    void anInvalidRuleIsRejectedNamingTheField(String json, String field) {
        assertThatThrownBy(() -> FraudRuleJson.read(json))
                .isInstanceOfSatisfying(
                        InvalidRuleException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    /** What a rule may ask of the pipeline, per transaction: bounded lists, bounded nesting, nothing like a regex. */
    @Test
    void aRuleThatCouldHurtThePipelineIsRefusedWithItsReason() {
        String values = java.util.stream.IntStream.range(0, 1001)
                .mapToObj(i -> "\"c" + i + "\"")
                .collect(java.util.stream.Collectors.joining(","));
        assertThatThrownBy(() ->
                        FraudRuleJson.read("{\"rule_id\":\"r\",\"condition\":{\"field\":\"location\",\"op\":\"in\","
                                + "\"values\":[" + values + "]}}"))
                .hasMessageContaining("condition.values")
                .hasMessageContaining("at most 1000");
        String comparisons = java.util.stream.IntStream.range(0, 1001)
                .mapToObj(i -> "{\"field\":\"amount\",\"op\":\"gt\",\"value\":" + i + "}")
                .collect(java.util.stream.Collectors.joining(","));
        assertThatThrownBy(
                        () -> FraudRuleJson.read("{\"rule_id\":\"r\",\"condition\":{\"all\":[" + comparisons + "]}}"))
                .isInstanceOfSatisfying(
                        InvalidRuleException.class, e -> assertThat(e.field()).isEqualTo("condition.all"));
        String deep = "{\"not\":".repeat(17) + "{\"field\":\"amount\",\"op\":\"gt\",\"value\":1}" + "}".repeat(17);
        assertThatThrownBy(() -> FraudRuleJson.read("{\"rule_id\":\"r\",\"condition\":" + deep + "}"))
                .hasMessageContaining("nests deeper than 16 levels");
        assertThatThrownBy(() -> FraudRuleJson.read(
                        "{\"rule_id\":\"r\",\"condition\":{\"field\":\"merchant\",\"op\":\"matches\","
                                + "\"value\":\"(a+)+$\"}}"))
                .isInstanceOfSatisfying(
                        InvalidRuleException.class, e -> assertThat(e.field()).isEqualTo("condition.op"));
    }

    @Test
    void effectiveRulesApplyPutsTombstonesAndKeepThePreviousVersionOfARejectedRule() {
        EffectiveRules rules = new EffectiveRules(FraudRuleJson.defaults());
        Transaction laptop = tx("1500", "Electronics", "Madrid");
        assertThat(rules.book().evaluate(laptop).rules()).containsExactly("electronics_over_1000");

        RuleStatus rejected = rules.apply(
                "electronics_over_1000",
                "{\"rule_id\":\"electronics_over_1000\",\"condition\":{\"field\":\"amount\",\"op\":\"gt\",\"value\":\"2000\"}}"
                        .getBytes(StandardCharsets.UTF_8),
                7);
        assertThat(rejected.status()).isEqualTo(RuleStatus.State.REJECTED);
        assertThat(rejected.reason()).contains("condition.value");
        assertThat(rejected.sourceOffset()).isEqualTo(7);
        assertThat(rules.book().evaluate(laptop).rules()).containsExactly("electronics_over_1000");

        RuleStatus disabled = rules.apply(
                "electronics_over_1000",
                FraudRuleJson.writeBytes(FraudRuleJson.defaults().get(3).withEnabled(false)),
                8);
        assertThat(disabled.status()).isEqualTo(RuleStatus.State.ACTIVE);
        assertThat(rules.book().evaluate(laptop).flagged()).isFalse();

        assertThat(rules.apply(
                                "other",
                                FraudRuleJson.writeBytes(
                                        FraudRuleJson.defaults().get(0)),
                                9)
                        .status())
                .isEqualTo(RuleStatus.State.REJECTED);
        assertThat(rules.apply("amount_over_3000", null, 10).status()).isEqualTo(RuleStatus.State.DELETED);
        assertThat(rules.book().evaluate(tx("4000", "Home", "Madrid")).flagged())
                .isFalse();
        assertThat(rules.book().rules())
                .extracting(FraudRule::ruleId)
                .containsExactly(
                        "amount_over_5000",
                        "suspicious_location",
                        "electronics_over_1000",
                        "impossible_travel",
                        "velocity",
                        "amount_vs_average");
    }

    /**
     * The stateful rules are data like the others: read, written back, listed enabled with their
     * mode for the patterns query, and never part of the per-transaction verdict.
     */
    @Test
    void statefulRulesAreListedForThePatternsQueryAndLeftOutOfTheVerdict() {
        FraudRule burst = FraudRuleJson.read("""
                {"rule_id":"burst_3_in_30s","mode":"shadow","priority":55,
                 "pattern":{"type":"velocity","count":3,"window_seconds":30}}""");
        assertThat(burst.stateful()).isTrue();
        assertThat(burst.pattern()).isEqualTo(new RulePattern.Velocity(3, Duration.ofSeconds(30)));
        assertThat(FraudRuleJson.read(FraudRuleJson.write(burst))).isEqualTo(burst);

        List<FraudRule> rules = new ArrayList<>(FraudRuleJson.defaults());
        rules.add(burst);
        rules.replaceAll(rule -> rule.ruleId().equals("amount_vs_average") ? rule.withEnabled(false) : rule);
        RuleBook book = RuleBook.of(rules);
        assertThat(book.stateful())
                .extracting(FraudRule::ruleId, FraudRule::mode)
                .containsExactly(
                        tuple("impossible_travel", FraudRule.Mode.LIVE),
                        tuple("burst_3_in_30s", FraudRule.Mode.SHADOW),
                        tuple("velocity", FraudRule.Mode.LIVE));
        assertThat(book.evaluate(tx("20", "Food", "Madrid")).flagged()).isFalse();
        assertThat(book.shadow().evaluate(tx("20", "Food", "Madrid")).flagged()).isFalse();
        assertThat(book.shadow().canFlag())
                .as("its only shadow rule is stateful")
                .isFalse();
        assertThat(book.canFlag()).isTrue();
        assertThat(book.evaluate(tx("6000", "Food", "Madrid")).rules())
                .containsExactly("amount_over_5000", "amount_over_3000");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"rule_id\":\"r\",\"pattern\":{\"type\":\"velocity\",\"count\":0,\"window_seconds\":60}}         | pattern.count",
                "{\"rule_id\":\"r\",\"pattern\":{\"type\":\"velocity\",\"count\":5,\"window_seconds\":90000}}      | pattern.window_seconds",
                "{\"rule_id\":\"r\",\"pattern\":{\"type\":\"velocity\",\"count\":5}}                                 | pattern.window_seconds",
                "{\"rule_id\":\"r\",\"pattern\":{\"type\":\"velocity\",\"count\":5,\"window\":\"2m\"}}             | pattern.window",
                "{\"rule_id\":\"r\",\"pattern\":{\"type\":\"unusual_amount\",\"factor\":1,\"min_count\":5}}         | pattern.factor",
                "{\"rule_id\":\"r\",\"pattern\":{\"type\":\"unusual_amount\",\"factor\":\"5\",\"min_count\":5}}   | pattern.factor",
                "{\"rule_id\":\"r\",\"pattern\":{\"type\":\"impossible_travel\",\"max_speed_kmh\":0}}                 | pattern.max_speed_kmh",
                "{\"rule_id\":\"r\",\"pattern\":{\"type\":\"teleport\"}}                                               | pattern.type",
                "{\"rule_id\":\"r\",\"pattern\":[]}                                                                      | pattern",
                "{\"rule_id\":\"r\",\"pattern\":{\"type\":\"velocity\",\"count\":5,\"window_seconds\":60},\"condition\":{\"field\":\"amount\",\"op\":\"gt\",\"value\":1}} | condition",
            })
    void anInvalidStatefulRuleIsRejectedNamingTheField(String json, String field) {
        assertThatThrownBy(() -> FraudRuleJson.read(json))
                .isInstanceOfSatisfying(
                        InvalidRuleException.class, e -> assertThat(e.field()).isEqualTo(field));
        assertThatThrownBy(
                        () -> FraudRuleJson.readFile(("{\"rules\":[" + json + "]}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        InvalidRuleException.class, e -> assertThat(e.field()).isEqualTo("rules[0]." + field));
    }
}
