package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.helm.StreamSightChart.Profile;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No drift between the chart and what quarkus-kubernetes generates for the same service: both are
 * derived from the service's application.properties (name, container port, SmallRye Health and
 * Micrometer paths), so the chart is checked against those properties, read from the service
 * module itself.
 */
class QuarkusDriftTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(:[^}]*)?}");

    @ParameterizedTest
    @ValueSource(strings = {"generator-service", "alert-service"})
    void deploymentMatchesTheServicesQuarkusKubernetesConfiguration(String service) throws IOException {
        Properties quarkus = applicationProperties(service);
        var objects = StreamSightChart.render(Profile.DEFAULTS);
        ObjectNode deployment = named(objects, "Deployment", "demo-streamsight-" + service);
        JsonNode container = deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        int containerPort =
                Integer.parseInt(quarkus.getProperty("quarkus.kubernetes.ports.http.container-port", "8080"));

        assertThat(quarkus.getProperty("quarkus.application.name"))
                .isEqualTo(service)
                .isEqualTo(container.path("name").asText());
        assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(containerPort);
        assertThat(named(objects, "ConfigMap", "demo-streamsight-" + service)
                        .path("data")
                        .path("PORT")
                        .asText())
                .as("the prod profile listens on ${PORT}")
                .isEqualTo(String.valueOf(containerPort));
        assertThat(quarkus.getProperty("%prod.quarkus.http.port")).startsWith("${PORT");

        String health = "/" + nonApplicationRoot(quarkus) + "/"
                + quarkus.getProperty("quarkus.smallrye-health.root-path", "health");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                .isEqualTo(health + "/" + quarkus.getProperty("quarkus.smallrye-health.liveness-path", "live"));
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo(health + "/" + quarkus.getProperty("quarkus.smallrye-health.readiness-path", "ready"));
        assertThat(container.path("startupProbe").path("httpGet").path("path").asText())
                .isEqualTo(health + "/" + quarkus.getProperty("quarkus.smallrye-health.startup-path", "started"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"generator-service", "alert-service"})
    void everyEnvironmentVariableTheProdProfileRequiresIsProvided(String service) throws IOException {
        Properties quarkus = applicationProperties(service);
        var objects = StreamSightChart.render(Profile.DEFAULTS);
        JsonNode container = named(objects, "Deployment", "demo-streamsight-" + service)
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        Set<String> provided = new HashSet<>();
        container.path("env").forEach(e -> provided.add(e.path("name").asText()));
        named(objects, "ConfigMap", "demo-streamsight-" + service)
                .path("data")
                .fieldNames()
                .forEachRemaining(provided::add);

        // A placeholder without a default fails the service at start-up when the variable is missing
        Set<String> required = new HashSet<>();
        for (String key : quarkus.stringPropertyNames()) {
            if (key.startsWith("%prod.") || !key.startsWith("%")) {
                Matcher m = PLACEHOLDER.matcher(quarkus.getProperty(key));
                while (m.find()) {
                    if (m.group(2) == null) {
                        required.add(m.group(1));
                    }
                }
            }
        }
        assertThat(provided).containsAll(required);
        // These have local defaults (127.0.0.1:9092, 808x) that are wrong in a cluster
        assertThat(provided).contains("KAFKA_BOOTSTRAP_SERVERS", "PORT");
        assertThat(quarkus.getProperty("%prod.kafka.bootstrap.servers")).contains("${KAFKA_BOOTSTRAP_SERVERS");
    }

    @ParameterizedTest
    @ValueSource(strings = {"generator-service", "alert-service"})
    void serviceMonitorScrapesTheMicrometerEndpoint(String service) throws IOException {
        Properties quarkus = applicationProperties(service);
        ObjectNode monitor =
                named(StreamSightChart.render(Profile.EVERYTHING_ON), "ServiceMonitor", "demo-streamsight-" + service);

        assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText())
                .isEqualTo("/" + nonApplicationRoot(quarkus) + "/"
                        + quarkus.getProperty("quarkus.micrometer.export.prometheus.path", "metrics"));
    }

    private static String nonApplicationRoot(Properties quarkus) {
        return quarkus.getProperty("quarkus.http.non-application-root-path", "q")
                .replaceAll("^/|/$", "");
    }

    private static Properties applicationProperties(String service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader =
                Files.newBufferedReader(Path.of("..", service, "src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static ObjectNode named(List<ObjectNode> objects, String kind, String name) {
        return StreamSightChart.ofKind(objects, kind)
                .filter(o -> o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }
}
