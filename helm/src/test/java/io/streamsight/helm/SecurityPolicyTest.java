package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.helm.StreamSightChart.Profile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Policy checks over the rendered output (docs/design.md section 11): what a restricted cluster admits and operators expect. */
class SecurityPolicyTest {

    /** A container as rendered: where it is, its image and the fields the policies look at. */
    record Container(String where, JsonNode container, JsonNode podSecurityContext) {}

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyContainerIsBoundedNonRootAndReadOnly(Profile profile) {
        List<Container> containers = podContainers(StreamSightChart.render(profile));

        assertThat(containers).isNotEmpty().allSatisfy(c -> {
            JsonNode security = c.container().path("securityContext");
            assertThat(security.path("runAsNonRoot").asBoolean())
                    .as("%s runAsNonRoot", c.where())
                    .isTrue();
            assertThat(security.path("readOnlyRootFilesystem").asBoolean())
                    .as("%s readOnlyRootFilesystem", c.where())
                    .isTrue();
            assertThat(security.path("allowPrivilegeEscalation").isBoolean()
                            && !security.path("allowPrivilegeEscalation").asBoolean())
                    .as("%s allowPrivilegeEscalation false", c.where())
                    .isTrue();
            assertThat(security.path("capabilities").path("drop").toString())
                    .as("%s drops ALL", c.where())
                    .isEqualTo("[\"ALL\"]");
            assertThat(security.path("capabilities").has("add"))
                    .as("%s adds capabilities", c.where())
                    .isFalse();
            assertThat(security.path("seccompProfile").path("type").asText())
                    .as("%s seccomp", c.where())
                    .isEqualTo("RuntimeDefault");
            assertThat(c.podSecurityContext().path("runAsNonRoot").asBoolean())
                    .as("%s pod runAsNonRoot", c.where())
                    .isTrue();
            assertThat(c.podSecurityContext().path("runAsUser").asInt())
                    .as("%s runAsUser", c.where())
                    .isPositive();
        });
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyContainerHasRequestsAndLimits(Profile profile) {
        var objects = StreamSightChart.render(profile);

        assertThat(podContainers(objects).stream().filter(c -> c.container().has("name")))
                .allSatisfy(c -> {
                    for (String bound : List.of("requests", "limits")) {
                        for (String resource : List.of("cpu", "memory")) {
                            assertThat(c.container()
                                            .path("resources")
                                            .path(bound)
                                            .path(resource)
                                            .asText())
                                    .as("%s %s.%s", c.where(), bound, resource)
                                    .isNotBlank();
                        }
                    }
                });
        assertThat(StreamSightChart.ofKind(objects, "SparkApplication")
                        .flatMap(a -> Stream.of(
                                a.path("spec").path("driver"), a.path("spec").path("executor"))))
                .isNotEmpty()
                .allSatisfy(pod -> {
                    assertThat(pod.path("cores").asInt()).isPositive();
                    assertThat(pod.path("coreLimit").asText()).isNotBlank();
                    assertThat(pod.path("memory").asText()).isNotBlank();
                });
        Stream<JsonNode> strimziResources = Stream.concat(
                StreamSightChart.ofKind(objects, "KafkaNodePool")
                        .map(p -> p.path("spec").path("resources")),
                StreamSightChart.ofKind(objects, "Kafka")
                        .flatMap(k -> Stream.of(
                                k.path("spec")
                                        .path("entityOperator")
                                        .path("topicOperator")
                                        .path("resources"),
                                k.path("spec")
                                        .path("entityOperator")
                                        .path("userOperator")
                                        .path("resources"),
                                k.path("spec").path("kafkaExporter").path("resources"))));
        assertThat(strimziResources)
                .allSatisfy(r ->
                        assertThat(r.path("limits").path("memory").asText()).isNotBlank());
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyServiceHasStartupLivenessAndReadinessProbes(Profile profile) {
        var deployments = StreamSightChart.ofKind(StreamSightChart.render(profile), "Deployment")
                .toList();

        assertThat(deployments).isNotEmpty();
        for (ObjectNode deployment : deployments) {
            for (JsonNode container :
                    deployment.path("spec").path("template").path("spec").path("containers")) {
                assertThat(container
                                .path("livenessProbe")
                                .path("httpGet")
                                .path("path")
                                .asText())
                        .isNotBlank();
                assertThat(container
                                .path("readinessProbe")
                                .path("httpGet")
                                .path("path")
                                .asText())
                        .isNotBlank();
            }
        }
        assertThat(deployments.stream().filter(SecurityPolicyTest::isQuarkusService))
                .isNotEmpty()
                .allSatisfy(d -> {
                    JsonNode container = d.path("spec")
                            .path("template")
                            .path("spec")
                            .path("containers")
                            .get(0);
                    assertThat(container
                                    .path("startupProbe")
                                    .path("httpGet")
                                    .path("path")
                                    .asText())
                            .isEqualTo("/q/health/started");
                    assertThat(container
                                    .path("livenessProbe")
                                    .path("httpGet")
                                    .path("path")
                                    .asText())
                            .isEqualTo("/q/health/live");
                    assertThat(container
                                    .path("readinessProbe")
                                    .path("httpGet")
                                    .path("path")
                                    .asText())
                            .isEqualTo("/q/health/ready");
                });
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void noImageIsUnpinned(Profile profile) {
        var objects = StreamSightChart.render(profile);
        List<String> images = new ArrayList<>();
        podContainers(objects)
                .forEach(c -> images.add(c.container().path("image").asText()));
        StreamSightChart.ofKind(objects, "SparkApplication")
                .forEach(a -> images.add(a.path("spec").path("image").asText()));

        assertThat(images)
                .isNotEmpty()
                .allSatisfy(
                        image -> assertThat(image).matches(".+:[A-Za-z0-9._-]+").doesNotEndWith(":latest"));
    }

    @ParameterizedTest
    @EnumSource(Profile.class)
    void everyServicePodHasADisruptionBudgetAndNoApiToken(Profile profile) {
        var objects = StreamSightChart.render(profile);
        Set<String> budgeted = Set.copyOf(StreamSightChart.ofKind(objects, "PodDisruptionBudget")
                .map(p -> p.path("spec")
                        .path("selector")
                        .path("matchLabels")
                        .path("app.kubernetes.io/component")
                        .asText())
                .toList());

        assertThat(StreamSightChart.ofKind(objects, "Deployment").filter(SecurityPolicyTest::isQuarkusService))
                .isNotEmpty()
                .allSatisfy(d -> assertThat(budgeted)
                        .contains(d.path("metadata")
                                .path("labels")
                                .path("app.kubernetes.io/component")
                                .asText()));
        assertThat(StreamSightChart.ofKind(objects, "Deployment"))
                .allSatisfy(d -> assertThat(d.path("spec")
                                .path("template")
                                .path("spec")
                                .path("automountServiceAccountToken")
                                .asBoolean(true))
                        .isFalse());
    }

    /** Containers of Deployments and Pods, and the driver and executor "containers" of SparkApplications. */
    static List<Container> podContainers(List<ObjectNode> objects) {
        List<Container> containers = new ArrayList<>();
        for (ObjectNode object : objects) {
            String kind = object.path("kind").asText();
            String name = kind + "/" + object.path("metadata").path("name").asText();
            JsonNode podSpec = switch (kind) {
                case "Deployment", "StatefulSet", "DaemonSet", "Job" ->
                    object.path("spec").path("template").path("spec");
                case "Pod" -> object.path("spec");
                default -> null;
            };
            if (podSpec != null) {
                for (String list : List.of("initContainers", "containers")) {
                    for (JsonNode container : podSpec.path(list)) {
                        containers.add(new Container(
                                name + "/" + container.path("name").asText(),
                                container,
                                podSpec.path("securityContext")));
                    }
                }
            }
            if (kind.equals("SparkApplication")) {
                for (String role : List.of("driver", "executor")) {
                    JsonNode pod = object.path("spec").path(role);
                    ObjectNode asContainer = pod.deepCopy();
                    asContainer.put("image", object.path("spec").path("image").asText());
                    asContainer.remove("name");
                    containers.add(new Container(name + "/" + role, asContainer, pod.path("podSecurityContext")));
                }
            }
        }
        return containers;
    }

    private static boolean isQuarkusService(JsonNode deployment) {
        String component = deployment
                .path("metadata")
                .path("labels")
                .path("app.kubernetes.io/component")
                .asText();
        return component.equals("generator-service") || component.equals("alert-service");
    }
}
