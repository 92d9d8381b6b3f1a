package io.streamsight.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.localstack.broker.EmbeddedKafka;
import io.streamsight.localstack.process.FreePort;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * What Strimzi would do for the chart, done on the embedded broker: a TLS listener whose CA
 * certificate is written where the chart's pods read it, a SCRAM-SHA-512 user per rendered
 * KafkaUser with a random password, that user's ACLs exactly as the KafkaUser lists them, and the
 * {@code sasl.jaas.config} Strimzi would put in the user's Secret.
 */
final class StrimziStandIn implements AutoCloseable {

    private final EmbeddedKafka kafka;
    private final String bootstrapServers;
    private final Path caDirectory;
    private final Map<String, String> jaasByUser = new HashMap<>();

    private StrimziStandIn(EmbeddedKafka kafka, String bootstrapServers, Path caDirectory) {
        this.kafka = kafka;
        this.bootstrapServers = bootstrapServers;
        this.caDirectory = caDirectory;
    }

    static StrimziStandIn start(Path work, List<ObjectNode> kafkaUsers) throws Exception {
        String password = UUID.randomUUID().toString();
        Path keystore = work.resolve("broker.p12");
        Path caDirectory = Files.createDirectories(work.resolve("kafka-ca"));
        Files.deleteIfExists(keystore);
        keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-dname",
                "CN=streamsight-kafka",
                "-ext",
                "SAN=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                password,
                "-keypass",
                password);
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "broker",
                "-keystore",
                keystore.toString(),
                "-storepass",
                password,
                "-file",
                caDirectory.resolve("ca.crt").toString());
        caDirectory.resolve("ca.crt").toFile().setReadable(true, false);
        int port = FreePort.pick();
        EmbeddedKafka kafka = EmbeddedKafka.startWithSaslSsl(
                Files.createTempDirectory("streamsight-secured-kafka-"), port, keystore, password);
        StrimziStandIn strimzi = new StrimziStandIn(kafka, "127.0.0.1:" + port, caDirectory);
        strimzi.createUsers(kafkaUsers);
        return strimzi;
    }

    /** The TLS + SCRAM listener, where the chart's clients connect. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    /** Holds ca.crt, as the {@code <cluster>-cluster-ca-cert} Secret mounted by the chart's pods. */
    Path caDirectory() {
        return caDirectory;
    }

    /** The {@code sasl.jaas.config} key of the KafkaUser's Secret (Strimzi names the Secret after the user). */
    String jaasConfig(String user) {
        String jaas = jaasByUser.get(user);
        if (jaas == null) {
            throw new AssertionError("no KafkaUser " + user + " in the chart; users: " + jaasByUser.keySet());
        }
        return jaas;
    }

    /** Client properties of a KafkaUser, as the chart configures its pods. */
    Map<String, Object> clientProperties(String user) {
        return Map.of(
                "bootstrap.servers",
                bootstrapServers,
                "security.protocol",
                "SASL_SSL",
                "sasl.mechanism",
                "SCRAM-SHA-512",
                "sasl.jaas.config",
                jaasConfig(user),
                "ssl.truststore.type",
                "PEM",
                "ssl.truststore.location",
                caDirectory.resolve("ca.crt").toString());
    }

    private void createUsers(List<ObjectNode> kafkaUsers) throws Exception {
        List<UserScramCredentialAlteration> credentials = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        for (ObjectNode user : kafkaUsers) {
            String name = user.path("metadata").path("name").asText();
            String password = UUID.randomUUID().toString();
            credentials.add(new UserScramCredentialUpsertion(
                    name, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), password));
            jaasByUser.put(
                    name,
                    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + name
                            + "\" password=\"" + password + "\";");
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                ResourcePattern resource = resource(acl.path("resource"));
                for (JsonNode operation : acl.path("operations")) {
                    acls.add(new AclBinding(
                            resource,
                            new AccessControlEntry(
                                    "User:" + name,
                                    acl.path("host").asText("*"),
                                    AclOperation.fromString(operation.asText().replaceAll("([a-z])([A-Z])", "$1_$2")),
                                    AclPermissionType.ALLOW)));
                }
            }
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.alterUserScramCredentials(credentials).all().get(60, TimeUnit.SECONDS);
            admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
        }
    }

    /** A Strimzi ACL resource: topic, group, transactionalId (literal or prefix) or the cluster. */
    private static ResourcePattern resource(JsonNode resource) {
        String type = resource.path("type").asText();
        if (type.equals("cluster")) {
            return new ResourcePattern(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL);
        }
        PatternType pattern = resource.path("patternType").asText("literal").equals("prefix")
                ? PatternType.PREFIXED
                : PatternType.LITERAL;
        ResourceType resourceType = switch (type) {
            case "topic" -> ResourceType.TOPIC;
            case "group" -> ResourceType.GROUP;
            case "transactionalId" -> ResourceType.TRANSACTIONAL_ID;
            default -> throw new AssertionError("unknown Strimzi ACL resource type " + type);
        };
        return new ResourcePattern(resourceType, resource.path("name").asText(), pattern);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }

    @Override
    public void close() {
        kafka.close();
    }
}
