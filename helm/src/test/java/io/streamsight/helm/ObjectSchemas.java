package io.streamsight.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON schemas of every kind the chart renders, keyed by apiVersion and kind:
 * <ul>
 *   <li>Kubernetes and Prometheus-operator kinds: {@code schema/validation-schema.json} of the
 *   fabric8 model jars (kubernetes-model-core, -apps, -networking, -policy, -rbac and
 *   openshift-model-monitoring 6.13.x);</li>
 *   <li>Strimzi and Spark-operator kinds: the {@code openAPIV3Schema} of the CRDs under
 *   {@code src/test/resources/crds} (their headers say where each comes from).</li>
 * </ul>
 * Validation is strict, as {@code kubectl apply --validate=strict} is: a field a schema does not
 * know is an error, where the API server would silently prune it.
 */
final class ObjectSchemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> CRDS = List.of(
            "crds/strimzi-0.51.0/040-Crd-kafka.yaml",
            "crds/strimzi-0.51.0/043-Crd-kafkatopic.yaml",
            "crds/strimzi-0.51.0/044-Crd-kafkauser.yaml",
            "crds/strimzi-0.51.0/04A-Crd-kafkanodepool.yaml",
            "crds/spark-operator/sparkapplication-v1beta2.yaml");
    /** fabric8 models these Go types as Java objects; on the wire they are plain scalars. */
    private static final Map<String, String> SCALAR_TYPES = Map.of(
            "k8s_io_apimachinery_pkg_api_resource_Quantity", "[\"string\", \"integer\", \"number\"]",
            "kubernetes_resource_Quantity", "[\"string\", \"integer\", \"number\"]",
            "kubernetes_apimachinery_pkg_util_intstr_IntOrString", "[\"string\", \"integer\"]");

    private final ObjectNode definitions = JsonNodeFactory.instance.objectNode();
    private final Map<String, String> definitionOfType = new HashMap<>();
    private final Map<String, JsonSchema> compiled = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);

    private ObjectSchemas() {
    }

    static ObjectSchemas load() {
        ObjectSchemas schemas = new ObjectSchemas();
        schemas.loadKubernetesSchemas();
        CRDS.forEach(schemas::loadCrd);
        return schemas;
    }

    /** The violations of one rendered object; empty when it is valid. */
    List<String> validate(JsonNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String definition = definitionOfType.get(type);
        if (definition == null) {
            return List.of("no schema for " + type);
        }
        JsonSchema schema = compiled.computeIfAbsent(definition, this::compile);
        List<String> errors = new ArrayList<>();
        for (ValidationMessage message : schema.validate(object)) {
            errors.add(message.getMessage());
        }
        Collections.sort(errors);
        return errors;
    }

    boolean knows(String apiVersion, String kind) {
        return definitionOfType.containsKey(apiVersion + "/" + kind);
    }

    private JsonSchema compile(String definition) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("$ref", "#/definitions/" + definition);
        root.set("definitions", definitions);
        return factory.getSchema(root);
    }

    private void loadKubernetesSchemas() {
        try {
            var resources = getClass().getClassLoader().getResources("schema/validation-schema.json");
            while (resources.hasMoreElements()) {
                URL url = resources.nextElement();
                try (InputStream in = url.openStream()) {
                    JsonNode schema = JSON.readTree(in);
                    schema.path("definitions").fields().forEachRemaining(e -> addKubernetesDefinition(e.getKey(), e.getValue()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (definitionOfType.isEmpty()) {
            throw new IllegalStateException("no fabric8 schema/validation-schema.json on the test classpath");
        }
    }

    private void addKubernetesDefinition(String name, JsonNode definition) {
        if (definitions.has(name)) {
            return;
        }
        JsonNode cleaned;
        try {
            cleaned = SCALAR_TYPES.containsKey(name)
                    ? JSON.readTree("{\"type\": " + SCALAR_TYPES.get(name) + "}")
                    : strictKubernetes(definition.deepCopy());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        definitions.set(name, cleaned);
        JsonNode properties = definition.path("properties");
        String apiVersion = properties.path("apiVersion").path("default").asText("");
        String kind = properties.path("kind").path("default").asText("");
        if (!apiVersion.isEmpty() && !kind.isEmpty() && !kind.endsWith("List")) {
            definitionOfType.putIfAbsent(apiVersion + "/" + kind, name);
        }
    }

    /** fabric8's schemas allow any extra field and carry draft-3 {@code required: true}; make them strict draft-4. */
    private static JsonNode strictKubernetes(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("javaType", "existingJavaType", "javaInterfaces", "javaOmitEmpty", "default"));
            if (object.path("required").isBoolean()) {
                object.remove("required");
            }
            if (object.has("properties") && object.path("additionalProperties").isBoolean()) {
                object.put("additionalProperties", false);
            }
            object.fields().forEachRemaining(e -> strictKubernetes(e.getValue()));
        } else if (node instanceof ArrayNode array) {
            array.forEach(ObjectSchemas::strictKubernetes);
        }
        return node;
    }

    private void loadCrd(String resource) {
        JsonNode crd;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            crd = YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String group = crd.path("spec").path("group").asText();
        String kind = crd.path("spec").path("names").path("kind").asText();
        for (JsonNode version : crd.path("spec").path("versions")) {
            ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema").deepCopy();
            JsonNode sparkPod = schema.remove("x-sparkpod-properties");
            String name = "crd_" + group + "_" + version.path("name").asText() + "_" + kind;
            definitions.set(name, strictCrd(schema, sparkPod));
            definitionOfType.put(group + "/" + version.path("name").asText() + "/" + kind, name);
        }
    }

    /**
     * Turns a structural CRD schema into a strict draft-4 schema: object schemas with properties
     * reject unknown fields unless marked x-kubernetes-preserve-unknown-fields; int-or-string and
     * nullable become JSON types; x-kubernetes-core-type points at the Kubernetes definition.
     */
    private JsonNode strictCrd(JsonNode node, JsonNode sparkPod) {
        if (node instanceof ObjectNode object) {
            if (object.has("x-kubernetes-core-type")) {
                String target = object.path("x-kubernetes-core-type").asText();
                if (!definitions.has(target)) {
                    throw new IllegalStateException("unknown Kubernetes definition " + target);
                }
                ObjectNode ref = JsonNodeFactory.instance.objectNode();
                ref.put("$ref", "#/definitions/" + target);
                return ref;
            }
            if (object.path("x-sparkpod").asBoolean(false)) {
                ((ObjectNode) object.path("properties")).setAll((ObjectNode) sparkPod.deepCopy());
            }
            if (object.path("x-kubernetes-int-or-string").asBoolean(false) && !object.has("type")) {
                object.set("type", JSON.valueToTree(List.of("string", "integer")));
                object.remove("anyOf");
            }
            if (object.path("nullable").asBoolean(false) && object.path("type").isTextual()) {
                object.set("type", JSON.valueToTree(List.of(object.path("type").asText(), "null")));
            }
            boolean preserveUnknown = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
            if ("object".equals(object.path("type").asText()) && object.has("properties")
                    && !object.has("additionalProperties") && !preserveUnknown) {
                object.put("additionalProperties", false);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                field.setValue(strictCrd(field.getValue(), sparkPod));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, strictCrd(array.get(i), sparkPod));
            }
        }
        return node;
    }
}
