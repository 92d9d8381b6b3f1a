package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.Topic;
import io.streamsight.helm.StreamSightChart.Profile;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The chart's KafkaTopics are exactly the topic catalog of the events module (docs/design.md section 5). */
class TopicCatalogTest {

    record TopicSpec(String name, int partitions, String cleanupPolicy, String retentionMs) {}

    @ParameterizedTest
    @EnumSource(Profile.class)
    void kafkaTopicsEqualTheCatalog(Profile profile) {
        var topics = StreamSightChart.ofKind(StreamSightChart.render(profile), "KafkaTopic")
                .toList();

        Map<String, TopicSpec> rendered = topics.stream()
                .map(t -> t.path("spec"))
                .map(spec -> new TopicSpec(
                        spec.path("topicName").asText(),
                        spec.path("partitions").asInt(),
                        spec.path("config").path("cleanup.policy").asText(),
                        spec.path("config").path("retention.ms").asText()))
                .collect(Collectors.toMap(TopicSpec::name, Function.identity()));
        Map<String, TopicSpec> catalog = Arrays.stream(Topic.values())
                .map(t -> new TopicSpec(
                        t.topicName(),
                        t.partitions(),
                        t.configs().get("cleanup.policy"),
                        t.configs().get("retention.ms")))
                .collect(Collectors.toMap(TopicSpec::name, Function.identity()));

        assertThat(topics).hasSize(Topic.values().length);
        assertThat(rendered).isEqualTo(catalog);
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyTopicIsReplicatedAsTheClusterIsConfiguredAndBelongsToIt(Profile profile) {
        var objects = StreamSightChart.render(profile);
        JsonNode config = StreamSightChart.ofKind(objects, "Kafka")
                .findFirst()
                .orElseThrow()
                .path("spec")
                .path("kafka")
                .path("config");
        String cluster = StreamSightChart.ofKind(objects, "Kafka")
                .findFirst()
                .orElseThrow()
                .path("metadata")
                .path("name")
                .asText();
        int brokers = StreamSightChart.ofKind(objects, "KafkaNodePool")
                .filter(p -> p.path("spec").path("roles").toString().contains("broker"))
                .mapToInt(p -> p.path("spec").path("replicas").asInt())
                .sum();

        assertThat(StreamSightChart.ofKind(objects, "KafkaTopic")).allSatisfy(topic -> {
            assertThat(topic.path("metadata")
                            .path("labels")
                            .path("strimzi.io/cluster")
                            .asText())
                    .isEqualTo(cluster);
            assertThat(topic.path("spec").path("replicas").asInt())
                    .isEqualTo(config.path("default.replication.factor").asInt())
                    .isLessThanOrEqualTo(brokers);
            assertThat(topic.path("spec")
                            .path("config")
                            .path("min.insync.replicas")
                            .asInt())
                    .isEqualTo(config.path("min.insync.replicas").asInt())
                    .isLessThanOrEqualTo(topic.path("spec").path("replicas").asInt());
        });
    }
}
