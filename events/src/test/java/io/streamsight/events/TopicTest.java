package io.streamsight.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicTest {

    @Test
    void catalogHoldsEveryTopicOfTheDesign() {
        Set<String> names = Arrays.stream(Topic.values()).map(Topic::topicName).collect(Collectors.toSet());
        assertThat(names)
                .contains(
                        "transactions",
                        "user_updates",
                        "user_activity",
                        "sensor_data",
                        "web_logs",
                        "raw_events",
                        "fraud_ground_truth",
                        "fraud_alerts",
                        "fraud_shadow_alerts",
                        "transaction_analytics",
                        "category_analytics",
                        "user_spend",
                        "enriched_transactions",
                        "sensor_alerts",
                        "log_error_counts",
                        "recommendations",
                        "fraud_rules",
                        "fraud_rules_audit",
                        "alert_subscriptions",
                        "alert_labels",
                        "rule_backtests");
    }

    @Test
    void everyInputOfTheGeneratorHasADeadLetterTopicKeyedTheSameWay() {
        for (Topic input : Set.of(
                Topic.TRANSACTIONS,
                Topic.USER_UPDATES,
                Topic.USER_ACTIVITY,
                Topic.SENSOR_DATA,
                Topic.WEB_LOGS,
                Topic.RAW_EVENTS)) {
            assertThat(input.deadLetters()).as(input.topicName()).isPresent();
            assertThat(input.deadLetters().orElseThrow().keyField()).isEqualTo(input.keyField());
        }
    }

    @Test
    void compactedTopicsKeepValuesForever() {
        assertThat(Topic.FRAUD_RULES.configs())
                .containsEntry("cleanup.policy", "compact")
                .containsEntry("retention.ms", "-1");
        assertThat(Topic.FRAUD_RULES_AUDIT.configs())
                .as("append-only: every change kept, none compacted away")
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", "-1");
        assertThat(Topic.TRANSACTIONS.configs())
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", Long.toString(7L * 24 * 3600 * 1000));
    }

    @Test
    void webLogsAreUnkeyedText() {
        assertThat(Topic.WEB_LOGS.keyField()).isEmpty();
        assertThat(Topic.WEB_LOGS.valueType()).contains(String.class);
        assertThat(Topic.byName("nope")).isEmpty();
    }
}
