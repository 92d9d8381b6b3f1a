package io.streamsight.localstack.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.events.Topic;
import io.streamsight.localstack.tools.DebianTool;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    private static final int RECORDS = 10_000;

    @Test
    void createsTheCatalogAndDeliversEveryRecordExactlyOnce(@TempDir Path dir) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, dir.resolve("kafka"))) {
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Set<String> names =
                        Arrays.stream(Topic.values()).map(Topic::topicName).collect(Collectors.toSet());
                Map<String, TopicDescription> described =
                        admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
                List<ConfigResource> resources = names.stream()
                        .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                        .toList();
                Map<ConfigResource, Config> configs =
                        admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
                for (Topic topic : Topic.values()) {
                    assertThat(described.get(topic.topicName()).partitions())
                            .as(topic.topicName())
                            .hasSize(topic.partitions());
                    Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.topicName()));
                    assertThat(config.get("cleanup.policy").value())
                            .as(topic.topicName())
                            .isEqualTo(topic.cleanupPolicy().config());
                    assertThat(config.get("retention.ms").value())
                            .as(topic.topicName())
                            .isEqualTo(topic.configs().get("retention.ms"));
                }
            }

            Set<String> sent = produce(kafka.bootstrapServers(), Topic.TRANSACTIONS.topicName());
            List<String> received = consume(kafka.bootstrapServers(), Topic.TRANSACTIONS.topicName(), RECORDS);
            assertThat(received).hasSize(RECORDS);
            assertThat(new HashSet<>(received)).isEqualTo(sent);
            assertThat(Files.readString(kafka.dataDir().resolve("server.properties")))
                    .contains("process.roles=broker,controller");

            kafka.close();
            assertThat(kafka.isRunning()).isFalse();
        }
    }

    @Test
    void twoBrokersGetTheirOwnPortsAndDirectories() {
        try (EmbeddedKafka first = EmbeddedKafka.start();
                EmbeddedKafka second = EmbeddedKafka.start()) {
            assertThat(first.port()).isNotEqualTo(second.port());
            assertThat(first.dataDir()).isNotEqualTo(second.dataDir());
            assertThat(first.pid()).isNotEqualTo(second.pid());
            assertThat(first.isRunning()).isTrue();
            assertThat(second.isRunning()).isTrue();
        }
    }

    @Test
    void anIndependentClientListsTheCatalog(@TempDir Path dir) throws Exception {
        Path kcat = Path.of(DebianTool.KCAT.path());
        try (EmbeddedKafka kafka = EmbeddedKafka.start(0, dir)) {
            Process process = new ProcessBuilder(kcat.toString(), "-b", kafka.bootstrapServers(), "-L", "-m", "30")
                    .redirectErrorStream(true)
                    .start();
            String listing = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(listing).isZero();
            for (Topic topic : Topic.values()) {
                assertThat(listing)
                        .contains("topic \"" + topic.topicName() + "\" with " + topic.partitions() + " partitions");
            }
        }
    }

    @Test
    void brokerExitsWhenTheJvmThatStartedItIsKilled(@TempDir Path dir) throws Exception {
        Process holder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        BrokerHolder.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        long brokerPid;
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            String pidLine = null;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("BROKER_PID ")) {
                    pidLine = line;
                    break;
                }
            }
            assertThat(pidLine).as("the holder JVM announces its broker").isNotNull();
            brokerPid = Long.parseLong(pidLine.substring("BROKER_PID ".length()).trim());
            ProcessHandle broker = ProcessHandle.of(brokerPid).orElseThrow();
            assertThat(broker.isAlive()).isTrue();

            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            broker.onExit().get(60, TimeUnit.SECONDS);
            assertThat(broker.isAlive()).isFalse();
        } finally {
            holder.destroyForcibly();
        }
    }

    private static Set<String> produce(String bootstrap, String topic) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.LINGER_MS_CONFIG,
                5);
        Set<String> sent = new HashSet<>();
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> acks =
                new java.util.ArrayList<>();
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < RECORDS; i++) {
                String value = "record-" + i;
                acks.add(producer.send(new ProducerRecord<>(topic, "user-" + (i % 97), value)));
                sent.add(value);
            }
            producer.flush();
            // A send the broker refused must fail here, not show up later as a record the consumer never saw.
            for (var ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        }
        return sent;
    }

    private static List<String> consume(String bootstrap, String topic, int expected) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        List<String> received = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            // Assigned, not subscribed: what is tested is the broker's log, not a group's join, which on a
            // loaded machine (the CI runs beside a CPU burner) once took most of the time allowed.
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            int emptyPollsAfterExpected = 0;
            // Keep polling a little after reaching the count, so that a duplicate would be seen.
            while (System.nanoTime() < deadline && emptyPollsAfterExpected < 3) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> r : records) {
                    received.add(r.value());
                }
                if (received.size() >= expected && records.isEmpty()) {
                    emptyPollsAfterExpected++;
                }
            }
            if (received.size() < expected) {
                Map<org.apache.kafka.common.TopicPartition, Long> positions = new java.util.TreeMap<>(
                        java.util.Comparator.comparingInt(org.apache.kafka.common.TopicPartition::partition));
                partitions.forEach(p -> positions.put(p, consumer.position(p)));
                throw new AssertionError("read " + received.size() + " of " + expected + " records in 120 s; positions "
                        + positions + ", log end offsets " + consumer.endOffsets(partitions));
            }
        }
        return received;
    }
}
