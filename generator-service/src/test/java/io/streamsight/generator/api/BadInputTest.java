package io.streamsight.generator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.streamsight.events.Topic;
import io.streamsight.generator.TopicReader;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Every bad input gets its 4xx with an RFC 9457 problem body, and leaves nothing behind: no
 * scenario started, no record sent.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class BadInputTest {

    private static final String TRANSACTION = """
            {"transaction_id":"t-1","user_id":"user_00001","amount":%s,"currency":"EUR","merchant":"Amazon",
             "category":"Electronics","location":"Madrid","timestamp":"2026-11-25T10:15:30.123Z"}""";

    @Test
    void anUnknownTopicIsNotFound() {
        problem(
                        given().body(TRANSACTION.formatted("10.00")).post("/events/no_such_topic"),
                        404,
                        "/problems/unknown-topic")
                .body("detail", containsString("no_such_topic"));
        // A catalog topic the generator does not produce is not writable through it either.
        problem(given().body("{}").post("/events/fraud_alerts"), 404, "/problems/unknown-topic");
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aMalformedEventIsRefusedNamingTheFieldAndNotSent() {
        TopicReader reader = new TopicReader(bootstrapServers);
        Map<TopicPartition, Long> before = reader.endOffsets(Topic.TRANSACTIONS);

        problem(
                        given().body(TRANSACTION.formatted("-3")).post("/events/transactions"),
                        400,
                        "/problems/malformed-event")
                .body("field", equalTo("amount"))
                .body("detail", containsString("must be positive"));
        problem(
                        given().body(TRANSACTION.formatted("\"lots\"")).post("/events/transactions"),
                        400,
                        "/problems/malformed-event")
                .body("field", equalTo("amount"));
        problem(
                        given().body(
                                        "{\"sensor_id\":\"s-1\",\"humidity\":40,\"pressure\":1000,\"timestamp\":\"2026-11-25T10:00:00Z\"}")
                                .post("/events/sensor_data"),
                        400,
                        "/problems/malformed-event")
                .body("field", equalTo("temperature"));
        problem(given().body("{not json").post("/events/user_updates"), 400, "/problems/malformed-event");
        problem(given().body("GET / HTTP/1.1 200").post("/events/web_logs"), 400, "/problems/malformed-event");

        assertThat(reader.endOffsets(Topic.TRANSACTIONS)).isEqualTo(before);
    }

    @Test
    void anOversizedBodyIsRefused() {
        String padding = "x".repeat(100_000);
        problem(
                given().body(TRANSACTION.formatted("10.00").replace("Amazon", padding))
                        .post("/events/transactions"),
                413,
                "/problems/body-too-large");
        problem(
                given().body("{\"event_types\":[\"" + padding + "\"]}").post("/scenarios"),
                413,
                "/problems/body-too-large");
        // Beyond the HTTP layer's own hard limit (1 MiB) too.
        problem(given().body("x".repeat(2_000_000)).post("/events/transactions"), 413, "/problems/body-too-large");
    }

    @Test
    void aNegativeOrAbsurdRateStartsNothing() {
        int before = scenarioCount();

        problem(given().body("{\"rate_per_second\":-5}").post("/scenarios"), 400, "/problems/invalid-scenario")
                .body("field", equalTo("rate_per_second"));
        problem(given().body("{\"user_prefix\":\"Bad Prefix\"}").post("/scenarios"), 400, "/problems/invalid-scenario")
                .body("field", equalTo("user_prefix"));
        problem(given().body("{\"rate_per_second\":0}").post("/scenarios"), 400, "/problems/invalid-scenario")
                .body("field", equalTo("rate_per_second"));
        problem(given().body("{\"rate_per_second\":1e12}").post("/scenarios"), 400, "/problems/invalid-scenario")
                .body("field", equalTo("rate_per_second"))
                .body("detail", containsString("at most"));

        assertThat(scenarioCount()).isEqualTo(before);
    }

    @Test
    void otherInvalidScenariosStartNothing() {
        int before = scenarioCount();

        problem(given().body("{\"event_types\":[\"nope\"]}").post("/scenarios"), 400, "/problems/invalid-scenario")
                .body("field", equalTo("event_types"))
                .body("detail", containsString("nope"));
        problem(
                        given().body("{\"event_types\":[\"fraud_alerts\"]}").post("/scenarios"),
                        400,
                        "/problems/invalid-scenario")
                .body("field", equalTo("event_types"));
        problem(given().body("{\"fraud_ratio\":1.5}").post("/scenarios"), 400, "/problems/invalid-scenario")
                .body("field", equalTo("fraud_ratio"));
        problem(
                        given().body("{\"fraud_patterns\":[\"phishing\"]}").post("/scenarios"),
                        400,
                        "/problems/invalid-scenario")
                .body("field", equalTo("fraud_patterns"));
        problem(given().body("{\"count\":0}").post("/scenarios"), 400, "/problems/invalid-scenario")
                .body("field", equalTo("count"));
        problem(given().body("{\"duration_seconds\":-1}").post("/scenarios"), 400, "/problems/invalid-scenario")
                .body("field", equalTo("duration_seconds"));
        problem(given().body("{\"rate\":100}").post("/scenarios"), 400, "/problems/invalid-scenario")
                .body("field", equalTo("rate"));
        problem(given().body("{\"count\":\"many\"}").post("/scenarios"), 400, "/problems/invalid-scenario")
                .body("field", equalTo("count"));
        problem(given().body("{\"rate_per_second\":").post("/scenarios"), 400, "/problems/invalid-scenario");
        problem(given().body("").post("/scenarios"), 400, "/problems/empty-body");

        assertThat(scenarioCount()).isEqualTo(before);
    }

    @Test
    void anUnknownScenarioIdIsNotFound() {
        for (String method : List.of("GET", "DELETE")) {
            problem(given().request(method, "/scenarios/does-not-exist"), 404, "/problems/unknown-scenario")
                    .body("detail", containsString("does-not-exist"));
        }
    }

    @Test
    void requestsTheFrameworkRefusesGetProblemBodiesToo() {
        problem(given().put("/scenarios"), 405, "about:blank");
    }

    private static RequestSpecification given() {
        return io.restassured.RestAssured.given().contentType(ContentType.JSON).when();
    }

    private static ValidatableResponse problem(io.restassured.response.Response response, int status, String type) {
        return response.then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("type", equalTo(type))
                .body("title", not(emptyOrNullString()))
                .body("status", equalTo(status))
                .body("detail", not(emptyOrNullString()));
    }

    private static int scenarioCount() {
        return io.restassured.RestAssured.given()
                .get("/scenarios")
                .then()
                .statusCode(200)
                .extract()
                .path("size()");
    }
}
