package io.streamsight.helm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/** The chart under test, rendered by the real Helm engine (helm-java's bundled native library). */
final class StreamSightChart {

    static final Path CHART = Path.of("streamsight");
    static final Path DEV_VALUES = Path.of("../k8s/values-dev.yaml");
    static final Path PRODUCTION_VALUES = Path.of("../k8s/values-production.yaml");
    static final String RELEASE = "demo";
    static final String NAMESPACE = "streamsight";

    /** Duplicate keys are an error: a lost document separator would otherwise silently merge two objects. */
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private StreamSightChart() {}

    /** Renders with the given values files (applied in order) and --set overrides. */
    static List<ObjectNode> render(List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand template = new Helm(CHART)
                .template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion("1.31.0");
        valuesFiles.forEach(template::withValuesFile);
        sets.forEach(template::set);
        return parse(template.call());
    }

    /** Renders with the chart's defaults overridden by a values document (lists replace lists, as in Helm). */
    static List<ObjectNode> renderWith(String valuesYaml) {
        try {
            Path file = Files.createTempFile("streamsight-values-", ".yaml");
            try {
                Files.writeString(file, valuesYaml);
                return render(List.of(file), Map.of());
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rendering is deterministic apart from generated secrets: one render per profile serves every test. */
    private static final Map<Profile, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

    /** A profile's objects, hooks included (see {@link #renderIncludingHooks}); shared, so callers deep-copy before changing one. */
    static List<ObjectNode> render(Profile profile) {
        return RENDERED.computeIfAbsent(profile, p -> List.copyOf(renderIncludingHooks(p)));
    }

    /**
     * Renders hooks too. helm-java's template leaves hook resources (the helm test pod, the
     * install-once Secret) out of its output, so this renders a copy of the chart whose templates
     * have the {@code helm.sh/hook} annotation line removed: the hooks then come out as plain objects.
     */
    static List<ObjectNode> renderIncludingHooks(Profile profile) {
        Path copy = copyWithoutHookAnnotations();
        try {
            TemplateCommand template = new Helm(copy)
                    .template()
                    .withName(RELEASE)
                    .withNamespace(NAMESPACE)
                    .withKubeVersion("1.31.0");
            profile.valuesFiles.forEach(f -> template.withValuesFile(f.toAbsolutePath()));
            profile.sets.forEach(template::set);
            return parse(template.call());
        } finally {
            deleteRecursively(copy);
        }
    }

    /** The NOTES.txt a `helm install` prints, from a client-only dry-run install. */
    static String installNotes(Profile profile) {
        Path copy = copyWithoutHookAnnotations();
        try {
            InstallCommand install = new Helm(copy)
                    .install()
                    .withName(RELEASE)
                    .withNamespace(NAMESPACE)
                    .dryRun()
                    .clientOnly();
            profile.valuesFiles.forEach(f -> install.withValuesFile(f.toAbsolutePath()));
            profile.sets.forEach(install::set);
            return install.call().getOutput();
        } finally {
            deleteRecursively(copy);
        }
    }

    /** A copy of the chart without hook annotations and without kubeVersion (a client-only install assumes Kubernetes 1.20). */
    private static Path copyWithoutHookAnnotations() {
        return copyChart(
                text -> text.replaceAll("(?m)^\\s*helm\\.sh/hook:.*\\R", "").replaceAll("(?m)^kubeVersion:.*\\R", ""));
    }

    /**
     * `helm lint --strict` of the chart as configured by a profile: helm-java's lint takes no
     * values, so the profile's values are merged into the values.yaml of a copy (maps merge,
     * lists and scalars replace, as Helm does).
     */
    static LintResult lint(Profile profile) {
        Path copy = copyChart(UnaryOperator.identity());
        try {
            Files.writeString(copy.resolve("values.yaml"), YAML.writeValueAsString(effectiveValues(profile)));
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(copy);
        }
    }

    private static ObjectNode effectiveValues(Profile profile) throws IOException {
        ObjectNode values =
                (ObjectNode) YAML.readTree(CHART.resolve("values.yaml").toFile());
        for (Path file : profile.valuesFiles) {
            mergeInto(values, YAML.readTree(file.toFile()));
        }
        profile.sets.forEach((path, value) -> {
            String[] keys = path.split("\\.");
            ObjectNode parent = values;
            for (int i = 0; i < keys.length - 1; i++) {
                parent = (ObjectNode) parent.path(keys[i]);
            }
            parent.set(keys[keys.length - 1], YAML.valueToTree(value));
        });
        return values;
    }

    private static void mergeInto(ObjectNode target, JsonNode overlay) {
        overlay.fields().forEachRemaining(field -> {
            if (field.getValue().isObject() && target.path(field.getKey()).isObject()) {
                mergeInto((ObjectNode) target.path(field.getKey()), field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        });
    }

    private static Path copyChart(UnaryOperator<String> editText) {
        try {
            Path target = Files.createTempDirectory("streamsight-chart-");
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path source : files.toList()) {
                    Path destination = target.resolve(CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(destination);
                    } else if (source.getFileName().toString().endsWith(".yaml")
                            || source.getFileName().toString().endsWith(".tpl")) {
                        Files.writeString(destination, editText.apply(Files.readString(source)));
                    } else {
                        Files.copy(source, destination);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObjectNode> parse(String manifest) {
        List<ObjectNode> objects = new ArrayList<>();
        try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(manifest)) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode node = it.next();
                if (node instanceof ObjectNode object && object.size() > 0) {
                    objects.add(object);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("helm template produced invalid YAML", e);
        }
        return objects;
    }

    static Stream<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    /** The value sets the chart is proven with: its defaults, and the example values of k8s/. */
    enum Profile {
        DEFAULTS(List.of(), Map.of()),
        DEV(List.of(DEV_VALUES), Map.of()),
        PRODUCTION(List.of(PRODUCTION_VALUES), Map.of()),
        EVERYTHING_ON(List.of(), Map.of("monitoring.enabled", true, "kafkaUi.enabled", true)),
        WITHOUT_ALERT_SERVICE(List.of(), Map.of("alertService.enabled", false)),
        PROVIDED_ALERT_SECRETS(
                List.of(),
                Map.of(
                        "alertService.secrets.subscriptionToken",
                        "token-from-values",
                        "alertService.secrets.webhookHmacKey",
                        "key-from-values",
                        "alertService.secrets.analystTokensSecret",
                        "analyst-tokens"));

        final List<Path> valuesFiles;
        final Map<String, Object> sets;

        Profile(List<Path> valuesFiles, Map<String, Object> sets) {
            this.valuesFiles = valuesFiles;
            this.sets = sets;
        }
    }
}
