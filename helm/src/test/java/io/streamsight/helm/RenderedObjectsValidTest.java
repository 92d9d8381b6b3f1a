package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.helm.StreamSightChart.Profile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every object the chart renders, under every profile, is valid for the API that will receive it. */
class RenderedObjectsValidTest {

    private static ObjectSchemas schemas;

    @BeforeAll
    static void loadSchemas() {
        schemas = ObjectSchemas.load();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyObjectValidatesAgainstItsSchema(Profile profile) {
        List<ObjectNode> objects = StreamSightChart.render(profile);

        Map<String, List<String>> violations = new LinkedHashMap<>();
        for (ObjectNode object : objects) {
            List<String> errors = schemas.validate(object);
            if (!errors.isEmpty()) {
                violations.put(
                        object.path("kind").asText() + "/"
                                + object.path("metadata").path("name").asText(),
                        errors);
            }
        }
        assertThat(objects).isNotEmpty();
        assertThat(violations).as("schema violations (%s)", profile).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyObjectHasTheStandardLabelsAndAUniqueName(Profile profile) {
        List<ObjectNode> objects = StreamSightChart.render(profile);

        for (ObjectNode object : objects) {
            var labels = object.path("metadata").path("labels");
            assertThat(List.of(
                            "app.kubernetes.io/name",
                            "app.kubernetes.io/instance",
                            "app.kubernetes.io/component",
                            "app.kubernetes.io/version",
                            "app.kubernetes.io/managed-by",
                            "app.kubernetes.io/part-of",
                            "helm.sh/chart"))
                    .as(
                            "labels of %s/%s",
                            object.path("kind").asText(),
                            object.path("metadata").path("name").asText())
                    .allMatch(labels::hasNonNull);
            assertThat(object.path("metadata").path("name").asText())
                    .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
                    .hasSizeLessThanOrEqualTo(63);
        }
        Map<String, Long> perKindAndName = objects.stream()
                .collect(Collectors.groupingBy(
                        o -> o.path("kind").asText() + "/"
                                + o.path("metadata").path("name").asText(),
                        Collectors.counting()));
        assertThat(perKindAndName)
                .allSatisfy((name, count) -> assertThat(count).as(name).isEqualTo(1L));
    }
}
