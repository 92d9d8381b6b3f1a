package io.streamsight.alert;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudAlert;
import io.streamsight.events.SensorAlert;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class AlertFeedTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/alerts/stream")
    URI stream;

    @Test
    void theSameAlertIdPublishedTwiceIsListedOnce() {
        String user = TestAlerts.unique("user");
        FraudAlert alert = TestAlerts.fraud(user, "Paris", "12000.00");
        FraudAlert later = TestAlerts.fraud(user, "Paris", "6000.00");
        try (TestAlerts kafka = new TestAlerts()) {
            kafka.publish(alert);
            kafka.publish(alert);
            kafka.publish(later);
        }
        // the later alert follows the duplicate on the same partition, so once it is listed the duplicate was seen
        await().atMost(WAIT)
                .untilAsserted(() -> given().queryParam("user_id", user)
                        .get("/alerts")
                        .then()
                        .statusCode(200)
                        .body("alert_id", equalTo(List.of(later.alertId(), alert.alertId()))));
        given().queryParam("user_id", user)
                .queryParam("min_severity", "critical")
                .get("/alerts")
                .then()
                .statusCode(200)
                .body("alert_id", equalTo(List.of(later.alertId(), alert.alertId())))
                .body("severity", everyItem(equalTo("critical")))
                .body("[1].details.amount", equalTo(12000.00f));
    }

    @Test
    void sensorAlertsAreListedAndFilteredByKind() {
        String sensor = TestAlerts.unique("sensor");
        SensorAlert alert = TestAlerts.sensor(sensor);
        try (TestAlerts kafka = new TestAlerts()) {
            kafka.publish(alert);
        }
        await().atMost(WAIT)
                .untilAsserted(() -> given().queryParam("kind", "sensor")
                        .queryParam("limit", 10000)
                        .get("/alerts")
                        .then()
                        .statusCode(200)
                        .body(
                                "findAll { it.sensor_id == '" + sensor + "' }.alert_id",
                                equalTo(List.of(alert.alertId()))));
        given().queryParam("kind", "fraud")
                .queryParam("limit", 10000)
                .get("/alerts")
                .then()
                .statusCode(200)
                .body("kind", everyItem(equalTo("fraud")));
    }

    @Test
    void anUnknownFilterFieldIsRefusedWithAProblem() {
        given().queryParam("usr_id", "u1")
                .get("/alerts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Unknown filter field"));
        given().queryParam("min_severity", "huge")
                .get("/alerts/stream")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aReconnectingClientGetsExactlyTheAlertsItMissed() throws Exception {
        String user = TestAlerts.unique("user");
        URI filtered = URI.create(stream + "?user_id=" + user);
        List<FraudAlert> alerts = List.of(
                TestAlerts.fraud(user, "Oslo", "6000.00"),
                TestAlerts.fraud(user, "Oslo", "6100.00"),
                TestAlerts.fraud(user, "Oslo", "6200.00"),
                TestAlerts.fraud(user, "Oslo", "6300.00"));
        String lastSeen;
        try (TestAlerts kafka = new TestAlerts()) {
            try (SseClient client = SseClient.connect(filtered, null)) {
                kafka.publish(alerts.get(0));
                SseClient.Event first = client.next(WAIT);
                assertThat(first).isNotNull();
                assertThat(first.name()).isEqualTo("alert");
                assertThat(alertId(first)).isEqualTo(alerts.get(0).alertId());
                lastSeen = first.id();
            }
            kafka.publish(alerts.get(1));
            kafka.publish(alerts.get(2));
            await().atMost(WAIT)
                    .untilAsserted(() -> given().queryParam("user_id", user)
                            .get("/alerts")
                            .then()
                            .body("size()", equalTo(3)));
            try (SseClient client = SseClient.connect(filtered, lastSeen)) {
                List<String> received = new ArrayList<>();
                received.add(alertId(client.next(WAIT)));
                received.add(alertId(client.next(WAIT)));
                kafka.publish(alerts.get(3));
                received.add(alertId(client.next(WAIT)));
                assertThat(received)
                        .containsExactly(
                                alerts.get(1).alertId(),
                                alerts.get(2).alertId(),
                                alerts.get(3).alertId());
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedInsteadOfBufferedForWithoutBound() throws Exception {
        String user = TestAlerts.unique("user");
        try (Socket idle = new Socket();
                TestAlerts kafka = new TestAlerts()) {
            // A small receive window: the service's own queue for this client fills after a few dozen alerts.
            idle.setReceiveBufferSize(4096);
            idle.connect(new InetSocketAddress(stream.getHost(), stream.getPort()));
            idle.getOutputStream()
                    .write(("GET /alerts/stream?user_id=" + user + " HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Accept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            idle.getOutputStream().flush();
            double closedBefore = slowClientsClosed();
            // Kernel socket buffers take the first megabytes (Linux grows the send buffer up to tcp_wmem's
            // maximum) before the service's own queue, limited to 64 KiB in %test, starts to fill.
            for (int round = 0; round < 20 && slowClientsClosed() == closedBefore; round++) {
                List<FraudAlert> burst = new ArrayList<>();
                for (int i = 0; i < 2_000; i++) {
                    burst.add(TestAlerts.fraud(user, "Lyon", "6000.00"));
                }
                kafka.publishAll(burst);
                Thread.sleep(500);
            }
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(slowClientsClosed()).isGreaterThan(closedBefore));
            idle.setSoTimeout((int) WAIT.toMillis());
            InputStream in = idle.getInputStream();
            byte[] buffer = new byte[65_536];
            try {
                while (in.read(buffer) >= 0) {
                    // what was sent before the close; a timeout here means the stream was left open
                }
            } catch (SocketException reset) {
                // the service reset the connection: as closed as an orderly end
            }
        }
    }

    private static double slowClientsClosed() {
        return given().accept("text/plain; version=0.0.4")
                .get("/q/metrics")
                .asString()
                .lines()
                .filter(line -> line.startsWith("streamsight_sse_slow_clients_closed_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String alertId(SseClient.Event event) throws Exception {
        assertThat(event).as("an SSE event within the wait").isNotNull();
        JsonNode alert = EventJson.mapper().readTree(event.data());
        return alert.get("alert_id").asText();
    }
}
