package io.streamsight.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(AlertmanagerTestResource.class)
class AlertmanagerDeliveryTest {

    @Test
    void aRealAlertmanagerListsThePublishedAlertWithMappedLabelsAndAnnotations() throws Exception {
        String user = TestAlerts.unique("user");
        FraudAlert alert = TestAlerts.fraud(user, "Madrid", "15000.00");
        try (TestAlerts kafka = new TestAlerts()) {
            kafka.publish(alert);
        }
        URI query = AlertmanagerTestResource.url.resolve("/api/v2/alerts?filter="
                + URLEncoder.encode("alert_id=\"" + alert.alertId() + "\"", StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newHttpClient();
        JsonNode listed = await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> EventJson.mapper()
                                .readTree(http.send(
                                                HttpRequest.newBuilder(query).build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .body()),
                        alerts -> alerts.size() == 1);
        JsonNode labels = listed.get(0).get("labels");
        assertThat(labels.get("alertname").asText()).isEqualTo("high_amount");
        assertThat(labels.get("severity").asText()).isEqualTo("critical");
        assertThat(labels.get("kind").asText()).isEqualTo("fraud");
        assertThat(labels.get("user_id").asText()).isEqualTo(user);
        assertThat(labels.get("location").asText()).isEqualTo("Madrid");
        JsonNode annotations = listed.get(0).get("annotations");
        assertThat(annotations.get("amount").asText()).isEqualTo("15000.00");
        assertThat(annotations.get("transaction_id").asText()).isEqualTo(alert.transactionId());
        assertThat(annotations.get("summary").asText()).contains(user).contains("15000.00");
        assertThat(annotations.get("explanation").asText())
                .as("why it fired, one line per rule")
                .isEqualTo("amount_over_5000: amount 15000.00 > 5000");
        assertThat(listed.get(0).get("status").get("state").asText()).isEqualTo("active");
    }
}
