package io.streamsight.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ServiceHealthTest {

    @Test
    void readinessReportsTheKafkaConnectionAndTheSubscriptions() {
        given().when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Kafka")))
                .body("checks.name", hasItem(containsString("subscriptions")));
    }

    @Test
    void fanOutMetricsAreExposedAndAcceptedByPromtool() throws Exception {
        try (SseClient client = SseClient.connect(
                        java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                                + "/alerts/stream"),
                        null);
                TestAlerts kafka = new TestAlerts()) {
            kafka.publish(TestAlerts.fraud(TestAlerts.unique("user"), "Vienna", "5500.00"));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/q/metrics")
                            .then()
                            .statusCode(200)
                            .body(containsString("streamsight_alerts_received_total{kind=\"fraud\""))
                            .body(containsString(
                                    "streamsight_alert_delivery_latency_seconds_bucket{receiver_type=\"sse\"")));
            assertThat(given().get("/q/metrics")
                            .asString()
                            .lines()
                            .filter(line -> line.startsWith("streamsight_sse_clients "))
                            .map(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))))
                    .singleElement()
                    .satisfies(connected -> assertThat(connected).isGreaterThanOrEqualTo(1.0));
        }
        // the Prometheus text format, as promtool reads it (not OpenMetrics)
        String metrics = given().accept("text/plain; version=0.0.4")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"))
                .extract()
                .asString();
        Promtool.assertAccepts(metrics);
    }
}
