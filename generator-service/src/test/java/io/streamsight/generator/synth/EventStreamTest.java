package io.streamsight.generator.synth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudGroundTruth;
import io.streamsight.events.SensorReading;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.events.UserActivity;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventStreamTest {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final List<FraudPattern> ALL_PATTERNS = Arrays.asList(FraudPattern.values());

    @Test
    void theSameSeedGivesTheSameEventsAndAnotherSeedOthers() {
        List<String> first = texts(generate(42, EventStream.SCENARIO_TOPICS, 0.05, 6000));
        List<String> again = texts(generate(42, EventStream.SCENARIO_TOPICS, 0.05, 6000));
        List<String> other = texts(generate(43, EventStream.SCENARIO_TOPICS, 0.05, 6000));

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void aTopicsEventsDependOnTheSeedNotOnTheOtherTopicsChosen() {
        List<SensorReading> alone = readings(generate(7, List.of(Topic.SENSOR_DATA), 0, 500));
        List<SensorReading> mixed = readings(generate(7, List.of(Topic.WEB_LOGS, Topic.SENSOR_DATA), 0, 1000));

        // Timestamps differ (the slots do), the readings themselves must not.
        assertThat(mixed)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("timestamp")
                .isEqualTo(alone);
    }

    @Test
    void everyRecordSatisfiesTheContractAndIsKeyedPerTheCatalog() throws IOException {
        List<TopicRecord> records = generate(1, EventStream.SCENARIO_TOPICS, 0.05, 12_000);

        assertThat(records).extracting(TopicRecord::topic).containsAll(EventStream.PRODUCED_TOPICS);
        for (TopicRecord record : records) {
            Class<?> type = record.topic().valueType().orElseThrow();
            if (type == String.class) {
                CommonLogFormat.validate(record.valueText());
                assertThat(record.key()).isNull();
            } else {
                EventJson.read(record.value(), type);
                JsonNode json = EventJson.mapper().readTree(record.value());
                String keyField = record.topic().keyField().orElseThrow();
                assertThat(record.key())
                        .as("key of %s", record.valueText())
                        .isEqualTo(json.path(keyField).textValue());
            }
        }
    }

    @Test
    void theFraudRatioIsHonouredAndEveryGroundTruthNamesAGeneratedTransaction() {
        int count = 20_000;
        List<TopicRecord> records = generate(5, List.of(Topic.TRANSACTIONS), 0.1, count);
        Map<String, Transaction> transactions = records.stream()
                .filter(r -> r.topic() == Topic.TRANSACTIONS)
                .map(r -> EventJson.read(r.value(), Transaction.class))
                .collect(Collectors.toMap(Transaction::transactionId, Function.identity()));
        List<FraudGroundTruth> truths = records.stream()
                .filter(r -> r.topic() == Topic.FRAUD_GROUND_TRUTH)
                .map(r -> EventJson.read(r.value(), FraudGroundTruth.class))
                .toList();

        assertThat(transactions).hasSize(count);
        assertThat((double) truths.size() / count).isBetween(0.08, 0.12);
        assertThat(truths)
                .extracting(FraudGroundTruth::pattern)
                .containsOnlyElementsOf(
                        ALL_PATTERNS.stream().map(FraudPattern::wireName).toList())
                .containsAll(ALL_PATTERNS.stream().map(FraudPattern::wireName).toList());
        for (FraudGroundTruth truth : truths) {
            Transaction fraud = transactions.get(truth.transactionId());
            assertThat(fraud).as("transaction of %s", truth).isNotNull();
            assertThat(fraud.userId()).isEqualTo(truth.userId());
            switch (FraudPattern.byWireName(truth.pattern())) {
                case HIGH_AMOUNT -> assertThat(fraud.amount()).isGreaterThan(new BigDecimal("5000"));
                case SUSPICIOUS_LOCATION -> assertThat(fraud.location()).isIn(Cities.SUSPICIOUS);
                case ELECTRONICS_SPREE -> assertThat(fraud.category()).isEqualTo("Electronics");
                case VELOCITY_BURST -> assertThat(fraud.amount()).isLessThanOrEqualTo(new BigDecimal("60"));
                case IMPOSSIBLE_TRAVEL -> assertThat(fraud.location()).isIn(Cities.HOME);
            }
        }
    }

    @Test
    void ordinaryTransactionsStayClearOfTheDefaultRules() {
        List<TopicRecord> records = generate(9, List.of(Topic.TRANSACTIONS), 0.05, 10_000);
        Set<String> frauds = records.stream()
                .filter(r -> r.topic() == Topic.FRAUD_GROUND_TRUTH)
                .map(r -> EventJson.read(r.value(), FraudGroundTruth.class).transactionId())
                .collect(Collectors.toSet());

        List<Transaction> ordinary = records.stream()
                .filter(r -> r.topic() == Topic.TRANSACTIONS)
                .map(r -> EventJson.read(r.value(), Transaction.class))
                .filter(t -> !frauds.contains(t.transactionId()))
                .toList();

        assertThat(ordinary).isNotEmpty().allSatisfy(t -> {
            assertThat(t.amount()).isLessThanOrEqualTo(new BigDecimal("3000"));
            assertThat(t.location()).isNotIn(Cities.SUSPICIOUS);
            if (t.category().equals("Electronics")) {
                assertThat(t.amount()).isLessThanOrEqualTo(new BigDecimal("1000"));
            }
        });
    }

    @Test
    void purchasesFollowClicksWhichFollowViewsOfTheSameItem() {
        List<UserActivity> activity = generate(3, List.of(Topic.USER_ACTIVITY), 0, 5000).stream()
                .map(r -> EventJson.read(r.value(), UserActivity.class))
                .toList();
        Set<String> viewed = new HashSet<>();
        Set<String> clicked = new HashSet<>();
        for (UserActivity step : activity) {
            String funnel = step.userId() + "/" + step.itemId();
            switch (step.action()) {
                case VIEW -> viewed.add(funnel);
                case CLICK -> assertThat(viewed).contains(funnel);
                case PURCHASE -> assertThat(clicked).contains(funnel);
            }
            if (step.action() == UserActivity.Action.CLICK) {
                clicked.add(funnel);
            }
        }
        assertThat(activity).extracting(UserActivity::action).contains(UserActivity.Action.PURCHASE);
    }

    @Test
    void webLogsHaveErrorBurstsAmongOrdinaryTraffic() {
        List<Integer> statuses = generate(11, List.of(Topic.WEB_LOGS), 0, 10_000).stream()
                .map(r -> r.valueText().split(" "))
                .map(parts -> Integer.parseInt(parts[parts.length - 2]))
                .toList();

        assertThat(statuses.stream().filter(s -> s == 200).count()).isGreaterThan(statuses.size() / 2);
        assertThat(statuses).contains(503, 404);
    }

    private static List<TopicRecord> generate(long seed, List<Topic> topics, double fraudRatio, int slots) {
        EventStream stream = new EventStream(seed, EventStream.DEFAULT_USER_PREFIX, topics, fraudRatio, ALL_PATTERNS);
        List<TopicRecord> records = new ArrayList<>();
        for (int slot = 0; slot < slots; slot++) {
            stream.next(START.plusMillis(slot * 10L), records::add);
        }
        return records;
    }

    private static List<SensorReading> readings(List<TopicRecord> records) {
        return records.stream()
                .filter(r -> r.topic() == Topic.SENSOR_DATA)
                .map(r -> EventJson.read(r.value(), SensorReading.class))
                .toList();
    }

    private static List<String> texts(List<TopicRecord> records) {
        return records.stream()
                .map(r -> r.topic().topicName() + "|" + r.key() + "|" + r.valueText())
                .toList();
    }
}
