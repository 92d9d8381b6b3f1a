package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.helm.StreamSightChart.Profile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `helm test` sends a fraud transaction through the generator and waits for its alert. */
class HelmTestHookTest {

    @Test
    void testPodSendsAFraudTransactionAndWaitsForItsAlert() {
        List<ObjectNode> hooks = StreamSightChart.ofKind(StreamSightChart.render(Profile.DEFAULTS), "Pod")
                .toList();

        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0)
                        .path("metadata")
                        .path("annotations")
                        .path("helm.sh/hook-delete-policy")
                        .asText())
                .isEqualTo("before-hook-creation,hook-succeeded");
        var container = hooks.get(0).path("spec").path("containers").get(0);
        String script = container.path("args").get(0).asText();
        assertThat(hooks.get(0).path("spec").path("restartPolicy").asText()).isEqualTo("Never");
        assertThat(container.path("env").toString())
                .contains(
                        "http://demo-streamsight-generator-service:8080", "http://demo-streamsight-alert-service:8080");
        assertThat(script)
                .contains("$GENERATOR_URL/events/transactions", "12500.00", "suspicious_country1")
                .contains("$ALERTS_URL/alerts?user_id=$user", "grep -q")
                .contains("exit 1");
    }

    @Test
    void hooksAreDeclaredAsHooksInTheChart() throws IOException {
        assertThat(Files.readString(StreamSightChart.CHART.resolve("templates/tests/fraud-alert-test.yaml")))
                .contains("helm.sh/hook: test");
        assertThat(Files.readString(StreamSightChart.CHART.resolve("templates/services/alert-service.yaml")))
                .contains("helm.sh/hook: pre-install");
    }

    @Test
    void generatedAlertSecretsAreRandomAndProvidedOnesAreUsed() {
        ObjectNode generated = alertSecret(Profile.DEFAULTS);
        ObjectNode provided = alertSecret(Profile.PROVIDED_ALERT_SECRETS);

        assertThat(decode(generated, "subscription-token")).hasSize(40).matches("[A-Za-z0-9]+");
        assertThat(decode(generated, "webhook-hmac-key")).hasSize(64);
        assertThat(generated
                        .path("metadata")
                        .path("annotations")
                        .path("helm.sh/resource-policy")
                        .asText())
                .isEqualTo("keep");
        assertThat(decode(provided, "subscription-token")).isEqualTo("token-from-values");
        assertThat(provided.path("metadata").path("annotations").isMissingNode())
                .isTrue();
        assertThat(StreamSightChart.ofKind(StreamSightChart.render(Profile.PRODUCTION), "Secret"))
                .as("existingSecret: the chart creates none")
                .isEmpty();
        // alert-service's streamsight.subscriptions.token has no default in the prod profile
        JsonNode pod = alertServicePod(Profile.DEFAULTS);
        assertThat(pod.path("containers").get(0).path("env").toString())
                .contains("{\"name\":\"STREAMSIGHT_SUBSCRIPTIONS_TOKEN\",\"valueFrom\":{\"secretKeyRef\":"
                        + "{\"key\":\"subscription-token\",\"name\":\"demo-streamsight-alert-service-keys\"}}}")
                .doesNotContain("ANALYST_TOKENS");
    }

    /** The analysts' own tokens come from a Secret of theirs, mounted where alert-service reads them. */
    @Test
    void anAnalystTokensSecretIsMountedWhereAlertServiceReadsIt() {
        JsonNode pod = alertServicePod(Profile.PROVIDED_ALERT_SECRETS);
        JsonNode container = pod.path("containers").get(0);
        assertThat(container.path("env").toString())
                .contains("{\"name\":\"STREAMSIGHT_RULES_ANALYST_TOKENS_DIR\","
                        + "\"value\":\"/etc/streamsight/analyst-tokens\"}");
        assertThat(container.path("volumeMounts").toString())
                .contains("{\"mountPath\":\"/etc/streamsight/analyst-tokens\",\"name\":\"analyst-tokens\","
                        + "\"readOnly\":true}");
        assertThat(pod.path("volumes").toString())
                .contains("{\"name\":\"analyst-tokens\",\"secret\":{\"defaultMode\":256,"
                        + "\"secretName\":\"analyst-tokens\"}}");
    }

    private static JsonNode alertServicePod(Profile profile) {
        return StreamSightChart.ofKind(StreamSightChart.render(profile), "Deployment")
                .filter(d -> d.path("metadata").path("name").asText().equals("demo-streamsight-alert-service"))
                .findFirst()
                .orElseThrow()
                .path("spec")
                .path("template")
                .path("spec");
    }

    @Test
    void noTestHookWithoutTheServicesItExercises() {
        var objects = StreamSightChart.render(Profile.WITHOUT_ALERT_SERVICE);

        assertThat(StreamSightChart.ofKind(objects, "Pod")).isEmpty();
        assertThat(StreamSightChart.ofKind(objects, "KafkaUser")
                        .map(u -> u.path("metadata").path("name").asText()))
                .doesNotContain("demo-streamsight-alert-service");
    }

    private static ObjectNode alertSecret(Profile profile) {
        List<ObjectNode> secrets = StreamSightChart.ofKind(StreamSightChart.render(profile), "Secret")
                .toList();
        assertThat(secrets).hasSize(1);
        return secrets.get(0);
    }

    private static String decode(ObjectNode secret, String key) {
        return new String(
                Base64.getDecoder().decode(secret.path("data").path(key).asText()), StandardCharsets.UTF_8);
    }
}
