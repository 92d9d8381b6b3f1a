package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.helm.StreamSightChart.Profile;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The validator RenderedObjectsValidTest relies on rejects what the API servers would reject or silently drop. */
class ObjectSchemasTest {

    private static ObjectSchemas schemas;
    private static List<ObjectNode> rendered;

    @BeforeAll
    static void load() {
        schemas = ObjectSchemas.load();
        rendered = StreamSightChart.render(Profile.DEFAULTS);
    }

    @Test
    void knowsEveryKindTheChartUses() {
        assertThat(rendered)
                .allSatisfy(o -> assertThat(schemas.knows(
                                o.path("apiVersion").asText(), o.path("kind").asText()))
                        .as(
                                "%s %s",
                                o.path("apiVersion").asText(), o.path("kind").asText())
                        .isTrue());
        assertThat(schemas.validate(json("{\"apiVersion\": \"kafka.strimzi.io/v1beta1\", \"kind\": \"Kafka\"}")))
                .containsExactly("no schema for kafka.strimzi.io/v1beta1/Kafka");
    }

    @Test
    void rejectsAMisspelledKafkaTopicField() {
        assertThat(errorsAfter("KafkaTopic", t -> ((ObjectNode) t.path("spec")).put("partitons", 3)))
                .anyMatch(e -> e.contains("partitons"));
    }

    @Test
    void rejectsAnAclOperationStrimziDoesNotKnow() {
        assertThat(errorsAfter(
                        "KafkaUser",
                        u -> ((ObjectNode) u.path("spec")
                                        .path("authorization")
                                        .path("acls")
                                        .get(0))
                                .putArray("operations")
                                .add("Publish")))
                .isNotEmpty();
    }

    @Test
    void rejectsAKafkaWithoutListeners() {
        assertThat(errorsAfter("Kafka", k -> ((ObjectNode) k.path("spec").path("kafka")).remove("listeners")))
                .anyMatch(e -> e.contains("listeners"));
    }

    @Test
    void rejectsAnUnknownSparkRestartPolicy() {
        assertThat(errorsAfter(
                        "SparkApplication",
                        a -> ((ObjectNode) a.path("spec").path("restartPolicy")).put("type", "Sometimes")))
                .anyMatch(e -> e.contains("restartPolicy.type"));
    }

    @Test
    void rejectsAWrongTypeInsideAnEmbeddedKubernetesType() {
        assertThat(errorsAfter(
                        "SparkApplication",
                        a -> ((ObjectNode) a.path("spec").path("driver").path("securityContext"))
                                .put("runAsNonRoot", "yes")))
                .anyMatch(e -> e.contains("runAsNonRoot"));
    }

    @Test
    void rejectsAnUnknownContainerFieldInADeployment() {
        assertThat(errorsAfter(
                        "Deployment",
                        d -> ((ObjectNode) d.path("spec")
                                        .path("template")
                                        .path("spec")
                                        .path("containers")
                                        .get(0))
                                .put("imagePolicy", "Always")))
                .anyMatch(e -> e.contains("imagePolicy"));
    }

    private static List<String> errorsAfter(String kind, Consumer<ObjectNode> change) {
        ObjectNode object = StreamSightChart.ofKind(rendered, kind)
                .findFirst()
                .orElseThrow()
                .deepCopy();
        assertThat(schemas.validate(object)).as("unchanged %s is valid", kind).isEmpty();
        change.accept(object);
        return schemas.validate(object);
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) StreamSightChart.parse(text).get(0);
    }
}
