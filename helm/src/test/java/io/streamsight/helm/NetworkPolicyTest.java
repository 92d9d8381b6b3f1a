package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.helm.StreamSightChart.Profile;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** NetworkPolicies admit only the traffic the design needs. */
class NetworkPolicyTest {

    @Test
    void everyWorkloadIsIsolatedInBothDirections() {
        var objects = StreamSightChart.render(Profile.EVERYTHING_ON);
        Map<String, ObjectNode> policies = byComponent(objects);

        assertThat(policies).containsOnlyKeys("generator-service", "alert-service", "spark-app", "kafka-ui");
        assertThat(policies.values())
                .allSatisfy(p -> assertThat(p.path("spec").path("policyTypes").toString())
                        .isEqualTo("[\"Ingress\",\"Egress\"]"));
    }

    @Test
    void clientsReachKafkaOnlyOnTheTlsListenerAndKafkaAdmitsOnlyLabelledClients() {
        var objects = StreamSightChart.render(Profile.EVERYTHING_ON);
        JsonNode listener = StreamSightChart.ofKind(objects, "Kafka")
                .findFirst()
                .orElseThrow()
                .path("spec")
                .path("kafka")
                .path("listeners")
                .get(0);

        assertThat(listener.path("networkPolicyPeers")
                        .get(0)
                        .path("podSelector")
                        .path("matchLabels")
                        .path("streamsight.io/kafka-client")
                        .asText())
                .isEqualTo("true");
        assertThat(byComponent(objects).values()).allSatisfy(p -> {
            List<JsonNode> kafkaRules = rulesTo(p, "\"strimzi.io/name\":\"demo-streamsight-kafka-kafka\"");
            assertThat(kafkaRules).hasSize(1);
            assertThat(kafkaRules.get(0).path("ports").toString()).isEqualTo("[{\"port\":9093,\"protocol\":\"TCP\"}]");
        });
        assertThat(podLabels(objects, "Deployment"))
                .allSatisfy(labels -> assertThat(
                                labels.path("streamsight.io/kafka-client").asText())
                        .isEqualTo("true"));
    }

    @Test
    void onlyAlertServiceMayLeaveTheClusterForWebhooksAndOnlySparkMayTalkToTheApiServer() {
        Map<String, ObjectNode> policies = byComponent(StreamSightChart.render(Profile.DEFAULTS));

        assertThat(policies).allSatisfy((component, policy) -> {
            boolean external = policy.path("spec").path("egress").toString().contains("ipBlock");
            assertThat(external)
                    .as(component)
                    .isEqualTo(component.equals("alert-service") || component.equals("spark-app"));
        });
        assertThat(policies.get("spark-app").path("spec").path("egress").toString())
                .contains("6443");
        assertThat(policies.get("alert-service").path("spec").path("egress").toString())
                .contains("443")
                .doesNotContain("6443");
    }

    @Test
    void sparkReachesEveryApiServerEndpointGiven() {
        Map<String, ObjectNode> policies = byComponent(StreamSightChart.renderWith("""
                networkPolicy:
                  apiServerCidrs: [172.18.0.2/32, 172.18.0.3/32]
                """));
        assertThat(policies.get("spark-app").path("spec").path("egress").toString())
                .contains("{\"ipBlock\":{\"cidr\":\"172.18.0.2/32\"}},{\"ipBlock\":{\"cidr\":\"172.18.0.3/32\"}}");
        assertThat(byComponent(StreamSightChart.render(Profile.PRODUCTION))
                        .get("spark-app")
                        .path("spec")
                        .path("egress")
                        .toString())
                .as("the kubernetes Service's ClusterIP is translated before policies apply")
                .doesNotContain("10.96.0.1");
    }

    @Test
    void metricsPortsAreOpenToTheMonitoringNamespace() {
        Map<String, ObjectNode> policies = byComponent(StreamSightChart.render(Profile.DEFAULTS));

        assertThat(policies.values())
                .allSatisfy(p -> assertThat(p.path("spec").path("ingress").toString())
                        .contains("\"kubernetes.io/metadata.name\":\"monitoring\""));
    }

    private static List<JsonNode> podLabels(List<ObjectNode> objects, String kind) {
        return StreamSightChart.ofKind(objects, kind)
                .map(o -> o.path("spec").path("template").path("metadata").path("labels"))
                .toList();
    }

    private static List<JsonNode> rulesTo(ObjectNode policy, String podLabel) {
        return StreamSupport.stream(policy.path("spec").path("egress").spliterator(), false)
                .filter(rule -> rule.path("to").toString().contains(podLabel))
                .toList();
    }

    private static Map<String, ObjectNode> byComponent(List<ObjectNode> objects) {
        return StreamSightChart.ofKind(objects, "NetworkPolicy")
                .collect(Collectors.toMap(
                        p -> p.path("metadata")
                                .path("labels")
                                .path("app.kubernetes.io/component")
                                .asText(),
                        p -> p));
    }
}
