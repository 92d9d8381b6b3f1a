package io.streamsight.localstack.broker;

import io.streamsight.events.Topic;
import io.streamsight.localstack.process.ParentWatchdog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the embedded broker process: one real Kafka node in KRaft mode, broker and
 * controller combined, listening on 127.0.0.1, alone or as one node of a cluster. It formats its
 * storage on first start, creates every topic of the catalog (the node that is told to), prints
 * {@value #READY_MARKER} with its bootstrap address, and shuts down cleanly when its standard input
 * closes (the parent exited, however it died) or on SIGTERM.
 *
 * <p>Arguments: {@code --data-dir DIR [--port N] [--controller-port N]}, a port of 0 (the default)
 * picking a free one; for a node of a cluster also {@code --node-id N --voters 1@host:port,...
 * --cluster-id ID --replication-factor R --create-topics true|false}. With {@code --sasl-ssl-port N
 * --keystore FILE --keystore-password P} it also listens as the chart's Kafka does: TLS with the
 * keystore's certificate, SCRAM-SHA-512 users, ACLs enforced (the PLAINTEXT port stays open to an
 * anonymous super user, for setting users and ACLs up).
 */
public final class KafkaBrokerMain {

    public static final String READY_MARKER = "STREAMSIGHT_KAFKA_READY";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerMain.class);

    private KafkaBrokerMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path dataDir = Path.of(required(options, "--data-dir")).toAbsolutePath();
        int port = freeIfZero(Integer.parseInt(options.getOrDefault("--port", "0")));
        int controllerPort = freeIfZero(Integer.parseInt(options.getOrDefault("--controller-port", "0")));
        int nodeId = Integer.parseInt(options.getOrDefault("--node-id", "1"));
        String voters = options.getOrDefault("--voters", nodeId + "@127.0.0.1:" + controllerPort);
        int replicationFactor = Integer.parseInt(options.getOrDefault("--replication-factor", "1"));
        boolean createTopics = Boolean.parseBoolean(options.getOrDefault("--create-topics", "true"));
        Files.createDirectories(dataDir);

        Properties config = serverConfig(dataDir, nodeId, port, controllerPort, voters, replicationFactor);
        if (options.containsKey("--sasl-ssl-port")) {
            addSaslSslListener(
                    config,
                    Integer.parseInt(options.get("--sasl-ssl-port")),
                    Path.of(required(options, "--keystore")),
                    required(options, "--keystore-password"));
        }
        Path configFile = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config.store(out, "written by StreamSight's embedded broker; regenerated on every start");
        }
        format(
                configFile,
                options.getOrDefault("--cluster-id", Uuid.randomUuid().toString()));

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                LOG.info("Stopping the broker on 127.0.0.1:{}", port);
                server.shutdown();
                server.awaitShutdown();
                LOG.info("Broker stopped");
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "broker-shutdown"));
        server.startup();

        String bootstrap = "127.0.0.1:" + port;
        if (createTopics) {
            createCatalogTopics(bootstrap, replicationFactor);
        }
        System.out.println(READY_MARKER + " " + bootstrap);
        System.out.flush();

        ParentWatchdog.awaitEndOfInput(System.in);
        stop.run();
        System.exit(0);
    }

    static Properties serverConfig(
            Path dataDir, int nodeId, int port, int controllerPort, String voters, int replicationFactor) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", Integer.toString(nodeId));
        p.setProperty("controller.quorum.voters", voters);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("kraft-logs").toString());
        // Alone: one replica of everything. In a cluster: every topic on R nodes, and a write
        // acknowledged (acks=all) only once two of them have it, so one node may die without loss.
        String replicas = Integer.toString(replicationFactor);
        String minInSync = Integer.toString(minInSyncReplicas(replicationFactor));
        p.setProperty("default.replication.factor", replicas);
        p.setProperty("min.insync.replicas", minInSync);
        p.setProperty("offsets.topic.replication.factor", replicas);
        p.setProperty("offsets.topic.num.partitions", "5");
        p.setProperty("transaction.state.log.replication.factor", replicas);
        p.setProperty("transaction.state.log.min.isr", minInSync);
        p.setProperty("share.coordinator.state.topic.replication.factor", replicas);
        p.setProperty("share.coordinator.state.topic.min.isr", minInSync);
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Every topic comes from the catalog; a typo must fail instead of creating a stray topic.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "1");
        return p;
    }

    /** The listener Strimzi gives the chart's clients (9093): TLS, SCRAM-SHA-512, simple authorization. */
    static void addSaslSslListener(Properties p, int port, Path keystore, String keystorePassword) {
        String listener = "SASL_SSL://127.0.0.1:" + port;
        p.setProperty("listeners", p.getProperty("listeners") + "," + listener);
        p.setProperty("advertised.listeners", p.getProperty("advertised.listeners") + "," + listener);
        p.setProperty(
                "listener.security.protocol.map",
                p.getProperty("listener.security.protocol.map") + ",SASL_SSL:SASL_SSL");
        p.setProperty("sasl.enabled.mechanisms", "SCRAM-SHA-512");
        p.setProperty(
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.setProperty("ssl.keystore.type", "PKCS12");
        p.setProperty("ssl.keystore.location", keystore.toAbsolutePath().toString());
        p.setProperty("ssl.keystore.password", keystorePassword);
        p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.setProperty("allow.everyone.if.no.acl.found", "false");
        // The PLAINTEXT and controller listeners authenticate nobody; their ANONYMOUS is the operator.
        p.setProperty("super.users", "User:ANONYMOUS");
    }

    static int minInSyncReplicas(int replicationFactor) {
        return Math.min(2, replicationFactor);
    }

    private static void format(Path configFile, String clusterId) {
        String[] args = {"format", "--cluster-id", clusterId, "--config", configFile.toString(), "--ignore-formatted"};
        int rc = StorageTool.execute(args, System.out);
        if (rc != 0) {
            throw new IllegalStateException("formatting the storage failed with exit code " + rc);
        }
    }

    private static void createCatalogTopics(String bootstrap, int replicationFactor) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // Topics with R replicas need R registered brokers; the other nodes start at the same time.
            long brokersDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size() < replicationFactor) {
                if (System.nanoTime() > brokersDeadline) {
                    throw new IllegalStateException(
                            "fewer than " + replicationFactor + " brokers registered after 120 s");
                }
                Thread.sleep(100);
            }
            Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
            List<NewTopic> missing = Arrays.stream(Topic.values())
                    .filter(t -> !existing.contains(t.topicName()))
                    .map(t ->
                            new NewTopic(t.topicName(), t.partitions(), (short) replicationFactor).configs(t.configs()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            }
            LOG.info(
                    "Catalog topics ready: {} created, {} already present",
                    missing.size(),
                    Topic.values().length - missing.size());
            // Wait until every partition has a leader, so that the first produce does not race it.
            Set<String> names =
                    Arrays.stream(Topic.values()).map(Topic::topicName).collect(Collectors.toSet());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!allLed(admin, names)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("catalog topics have no leader after 60 s");
                }
                Thread.sleep(50);
            }
            // A leader in the metadata cache is not yet a partition online in the replica manager. A
            // produce answered "not leader" then is retried, but an idempotent producer's later batches
            // may land first; the broker accepts those as a new producer's opening sequence and then
            // refuses the retried first batch as out of order until it expires (seen under CPU load:
            // 646 records lost by the producer). Listing offsets is served by the replica manager alone.
            Map<TopicPartition, OffsetSpec> everyPartition = new HashMap<>();
            for (Topic topic : Topic.values()) {
                for (int p = 0; p < topic.partitions(); p++) {
                    everyPartition.put(new TopicPartition(topic.topicName(), p), OffsetSpec.latest());
                }
            }
            admin.listOffsets(everyPartition).all().get(120, TimeUnit.SECONDS);
        }
    }

    private static boolean allLed(Admin admin, Set<String> names) throws Exception {
        try {
            return admin.describeTopics(names).allTopicNames().get(60, TimeUnit.SECONDS).values().stream()
                    .allMatch(d -> d.partitions().stream()
                            .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                // Just created: the broker's metadata cache has not caught up with the controller yet.
                return false;
            }
            throw e;
        }
    }

    private static int freeIfZero(int port) throws IOException {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Map<String, String> parse(String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("expected --name value pairs, got " + String.join(" ", args));
        }
        java.util.LinkedHashMap<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!Set.of(
                            "--data-dir",
                            "--port",
                            "--controller-port",
                            "--node-id",
                            "--voters",
                            "--cluster-id",
                            "--replication-factor",
                            "--create-topics",
                            "--sasl-ssl-port",
                            "--keystore",
                            "--keystore-password")
                    .contains(args[i])) {
                throw new IllegalArgumentException(
                        "unknown option " + args[i] + "; known: --data-dir DIR, --port N, --controller-port N,"
                                + " --node-id N, --voters ID@HOST:PORT,..., --cluster-id ID, --replication-factor R, --create-topics BOOL,"
                                + " --sasl-ssl-port N --keystore FILE --keystore-password P");
            }
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }
}
