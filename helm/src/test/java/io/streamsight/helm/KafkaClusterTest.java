package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.helm.StreamSightChart.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Strimzi resources: KRaft node pools, the secured listener, metrics, and least-privilege users. */
class KafkaClusterTest {

    @ParameterizedTest
    @EnumSource(Profile.class)
    void runsTheEmbeddedBrokersKafkaVersionWithOnlyATlsScramListener(Profile profile) {
        ObjectNode kafka = only(StreamSightChart.render(profile), "Kafka");
        JsonNode spec = kafka.path("spec").path("kafka");

        assertThat(spec.path("version").asText())
                .isEqualTo(System.getProperty("streamsight.kafka.version"))
                .isNotBlank();
        assertThat(spec.path("listeners")).hasSize(1);
        JsonNode listener = spec.path("listeners").get(0);
        assertThat(listener.path("tls").asBoolean()).isTrue();
        assertThat(listener.path("authentication").path("type").asText()).isEqualTo("scram-sha-512");
        assertThat(spec.path("authorization").path("type").asText()).isEqualTo("simple");
        assertThat(spec.path("config").path("auto.create.topics.enable").asBoolean(true))
                .isFalse();
    }

    @Test
    void defaultsToThreeControllersAndThreeBrokers() {
        Map<String, Integer> replicasByRoles = poolsByRoles(StreamSightChart.render(Profile.DEFAULTS));

        assertThat(replicasByRoles).isEqualTo(Map.of("[\"controller\"]", 3, "[\"broker\"]", 3));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void nodePoolsBelongToTheReleaseAndTheirPodNamesFitKubernetes(Profile profile) {
        var objects = StreamSightChart.render(profile);
        String cluster = only(objects, "Kafka").path("metadata").path("name").asText();
        StreamSightChart.ofKind(objects, "KafkaNodePool").forEach(pool -> {
            String name = pool.path("metadata").path("name").asText();
            // a second release in the namespace has another prefix, so its pools are its own
            assertThat(name).startsWith(StreamSightChart.RELEASE + "-streamsight-");
            // Strimzi names a pool's pods <cluster>-<pool>-<id>
            assertThat(cluster + "-" + name + "-"
                            + (pool.path("spec").path("replicas").asInt() - 1))
                    .hasSizeLessThanOrEqualTo(63);
        });
    }

    @Test
    void devRunsOneDualRoleNode() {
        var objects = StreamSightChart.render(Profile.DEV);

        assertThat(poolsByRoles(objects)).isEqualTo(Map.of("[\"controller\",\"broker\"]", 1));
        assertThat(only(objects, "Kafka")
                        .path("spec")
                        .path("kafka")
                        .path("config")
                        .path("default.replication.factor")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void exposesJmxMetricsAndRunsTheKafkaExporter() {
        var objects = StreamSightChart.render(Profile.DEFAULTS);
        JsonNode kafka = only(objects, "Kafka").path("spec");
        JsonNode ref =
                kafka.path("kafka").path("metricsConfig").path("valueFrom").path("configMapKeyRef");

        assertThat(kafka.path("kafka").path("metricsConfig").path("type").asText())
                .isEqualTo("jmxPrometheusExporter");
        ObjectNode configMap = StreamSightChart.ofKind(objects, "ConfigMap")
                .filter(c -> c.path("metadata")
                        .path("name")
                        .asText()
                        .equals(ref.path("name").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(configMap.path("data").path(ref.path("key").asText()).asText())
                .contains("rules:", "lowercaseOutputName: true");
        assertThat(kafka.path("kafkaExporter").path("groupRegex").asText()).isNotBlank();
    }

    @Test
    void everyClientHasItsOwnScramUserAndMountsItsCredentials() {
        var objects = StreamSightChart.render(Profile.EVERYTHING_ON);
        Map<String, ObjectNode> users = StreamSightChart.ofKind(objects, "KafkaUser")
                .collect(Collectors.toMap(u -> u.path("metadata").path("name").asText(), u -> u));

        assertThat(users)
                .containsOnlyKeys(
                        "demo-streamsight-generator-service",
                        "demo-streamsight-alert-service",
                        "demo-streamsight-spark-app",
                        "demo-streamsight-kafka-ui");
        assertThat(users.values())
                .allSatisfy(u -> assertThat(u.path("spec")
                                .path("authentication")
                                .path("type")
                                .asText())
                        .isEqualTo("scram-sha-512"));
        String manifests = objects.toString();
        users.keySet()
                .forEach(user -> assertThat(manifests)
                        .contains("\"secretKeyRef\":{\"name\":\"" + user + "\",\"key\":\"sasl.jaas.config\"}"));
    }

    /** Strimzi's User Operator writes each KafkaUser's credentials to a Secret of the user's name, over whatever is there. */
    @ParameterizedTest
    @EnumSource(Profile.class)
    void noSecretOfTheChartHasAKafkaUsersName(Profile profile) {
        var objects = StreamSightChart.render(profile);
        List<String> users = StreamSightChart.ofKind(objects, "KafkaUser")
                .map(u -> u.path("metadata").path("name").asText())
                .toList();
        assertThat(StreamSightChart.ofKind(objects, "Secret")
                        .map(s -> s.path("metadata").path("name").asText()))
                .doesNotContainAnyElementsOf(users);
    }

    @Test
    void aclsAreLeastPrivilege() {
        Map<String, List<JsonNode>> acls = StreamSightChart.ofKind(
                        StreamSightChart.render(Profile.EVERYTHING_ON), "KafkaUser")
                .collect(Collectors.toMap(
                        u -> u.path("metadata").path("name").asText().replace("demo-streamsight-", ""),
                        u -> list(u.path("spec").path("authorization").path("acls"))));

        acls.forEach((user, rules) -> assertThat(rules)
                .as(user)
                .allSatisfy(rule -> assertThat(list(rule.path("operations")))
                        .extracting(JsonNode::asText)
                        .doesNotContain("All", "Alter", "AlterConfigs", "Create", "Delete", "ClusterAction")));
        assertThat(writable(acls.get("generator-service")))
                .containsExactlyInAnyOrder(
                        "transactions",
                        "user_updates",
                        "user_activity",
                        "sensor_data",
                        "web_logs",
                        "raw_events",
                        "fraud_ground_truth");
        assertThat(readable(acls.get("generator-service"))).isEmpty();
        assertThat(writable(acls.get("spark-app")))
                .doesNotContain("transactions", "fraud_rules", "fraud_rules_audit", "alert_subscriptions")
                .contains("fraud_alerts", "transactions_dlq");
        assertThat(readable(acls.get("spark-app")))
                .contains("transactions", "fraud_rules")
                .doesNotContain("fraud_alerts");
        assertThat(writable(acls.get("alert-service")))
                .containsExactlyInAnyOrder(
                        "lag_alerts",
                        "fraud_rules",
                        "fraud_rules_audit",
                        "alert_subscriptions",
                        "alert_labels",
                        "rule_backtests",
                        "alert_deliveries_dlq");
        assertThat(readable(acls.get("alert-service")))
                .as("transactions: backtests replay them")
                .contains("lag_alerts", "fraud_alerts", "sensor_alerts", "transactions", "alert_labels");
        assertThat(writable(acls.get("kafka-ui"))).isEmpty();
        assertThat(groupPrefixes(acls.get("spark-app"))).containsExactly("streamsight-spark-");
        assertThat(groupPrefixes(acls.get("alert-service"))).containsExactly("alert-service");
        assertThat(groupPrefixes(acls.get("generator-service"))).containsExactly("generator-service");
    }

    private static List<String> writable(List<JsonNode> rules) {
        return topicsWith(rules, "Write");
    }

    private static List<String> readable(List<JsonNode> rules) {
        return topicsWith(rules, "Read");
    }

    private static List<String> topicsWith(List<JsonNode> rules, String operation) {
        return rules.stream()
                .filter(r -> r.path("resource").path("type").asText().equals("topic"))
                .filter(r -> r.path("operations").toString().contains("\"" + operation + "\""))
                .map(r -> r.path("resource").path("name").asText())
                .filter(name -> !name.equals("*"))
                .toList();
    }

    private static List<String> groupPrefixes(List<JsonNode> rules) {
        return rules.stream()
                .filter(r -> r.path("resource").path("type").asText().equals("group"))
                .filter(r -> r.path("resource").path("patternType").asText().equals("prefix"))
                .map(r -> r.path("resource").path("name").asText())
                .toList();
    }

    private static Map<String, Integer> poolsByRoles(List<ObjectNode> objects) {
        return StreamSightChart.ofKind(objects, "KafkaNodePool")
                .collect(Collectors.toMap(
                        p -> p.path("spec").path("roles").toString(),
                        p -> p.path("spec").path("replicas").asInt()));
    }

    private static ObjectNode only(List<ObjectNode> objects, String kind) {
        List<ObjectNode> found = StreamSightChart.ofKind(objects, kind).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
