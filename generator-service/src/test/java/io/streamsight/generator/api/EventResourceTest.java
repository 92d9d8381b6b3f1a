package io.streamsight.generator.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.events.UserUpdate;
import io.streamsight.generator.TopicReader;
import io.streamsight.localstack.quarkus.KafkaTestResource;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class EventResourceTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aHandWrittenEventIsSentNormalisedAndKeyedPerTheCatalog() {
        TopicReader reader = new TopicReader(bootstrapServers);
        Map<TopicPartition, Long> before = reader.endOffsets(Topic.USER_UPDATES);

        given().contentType(ContentType.JSON)
                .body(
                        "{\"user_id\":\"user_00007\",\"home_location\":\"Bilbao\",\"tier\":\"gold\",\"update_time\":\"2026-11-25T10:15:30\"}")
                .when()
                .post("/events/user_updates")
                .then()
                .statusCode(200)
                .body("topic", equalTo("user_updates"))
                .body("key", equalTo("user_00007"));

        List<ConsumerRecord<String, String>> records = reader.readSince(Topic.USER_UPDATES, before);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("user_00007");
            // The zone-less timestamp was read as UTC and written back in the contract's form.
            assertThat(record.value()).contains("\"update_time\":\"2026-11-25T10:15:30Z\"");
            assertThat(EventJson.read(record.value(), UserUpdate.class).homeLocation())
                    .isEqualTo("Bilbao");
        });
    }

    @Test
    void aLogLineIsSentAsTextWithoutKey() {
        String line = "10.0.0.1 - user_00003 [25/Nov/2026:10:15:30 +0000] \"GET /cart HTTP/1.1\" 503 -";
        TopicReader reader = new TopicReader(bootstrapServers);
        Map<TopicPartition, Long> before = reader.endOffsets(Topic.WEB_LOGS);

        given().contentType(ContentType.TEXT)
                .body(line + "\n")
                .when()
                .post("/events/web_logs")
                .then()
                .statusCode(200);

        assertThat(reader.readSince(Topic.WEB_LOGS, before)).singleElement().satisfies(record -> {
            assertThat(record.key()).isNull();
            assertThat(record.value()).isEqualTo(line);
        });
    }
}
