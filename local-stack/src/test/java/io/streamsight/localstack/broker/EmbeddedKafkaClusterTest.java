package io.streamsight.localstack.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.events.Topic;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Three real KRaft nodes; the leader of a {@code transactions} partition is killed with SIGKILL
 * while an idempotent {@code acks=all} producer writes at a fixed rate, and started again later:
 * every record the producer saw acknowledged is in the topic exactly once, and every partition is
 * back to three in-sync replicas.
 */
class EmbeddedKafkaClusterTest {

    private static final String TOPIC = Topic.TRANSACTIONS.topicName();
    private static final int RATE = 200;

    @Test
    void clusterIdsAreKafkaUuidsTheStorageToolCannotMistakeForAnOption() {
        // One random id in 64 would start with '-'; ten thousand draws all but surely include some.
        for (int i = 0; i < 10_000; i++) {
            String id = EmbeddedKafkaCluster.clusterId();
            assertThat(id).doesNotStartWith("-");
            assertThat(Uuid.fromString(id).toString()).isEqualTo(id);
        }
    }

    @Test
    void killingALeaderMidStreamLosesAndDuplicatesNoAcknowledgedRecord() throws Exception {
        try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(3);
                Admin admin =
                        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
            TopicDescription described = admin.describeTopics(List.of(TOPIC))
                    .allTopicNames()
                    .get(60, TimeUnit.SECONDS)
                    .get(TOPIC);
            assertThat(described.partitions())
                    .allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            assertThat(admin.describeConfigs(List.of(topic))
                            .all()
                            .get(60, TimeUnit.SECONDS)
                            .get(topic)
                            .get("min.insync.replicas")
                            .value())
                    .isEqualTo("2");
            int victim = described.partitions().get(0).leader().id();

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean producing = new AtomicBoolean(true);
            Thread producer = new Thread(
                    () -> produce(cluster.bootstrapServers(), producing, acknowledged, failed), "test-producer");
            producer.start();
            Thread.sleep(3_000);
            cluster.node(victim).kill();
            Thread.sleep(5_000);
            cluster.restart(victim);
            Thread.sleep(3_000);
            producing.set(false);
            producer.join(TimeUnit.MINUTES.toMillis(3));

            assertThat(failed).as("sends that failed with a node of three down").hasValue(0);
            assertThat(acknowledged).hasSizeGreaterThan(RATE * 5);
            Map<String, Integer> stored = readAll(cluster.bootstrapServers());
            assertThat(stored.keySet()).as("acknowledged records in the topic").containsAll(acknowledged);
            assertThat(stored.values()).as("copies of each record").allMatch(copies -> copies == 1);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!fullyInSync(admin) && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(fullyInSync(admin))
                    .as("every partition back to 3 in-sync replicas after node " + victim + " restarted")
                    .isTrue();
        }
    }

    private static void produce(
            String bootstrap, AtomicBoolean producing, Set<String> acknowledged, AtomicInteger failed) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            long start = System.nanoTime();
            for (long i = 0; producing.get(); i++) {
                LockSupport.parkNanos(start + i * 1_000_000_000L / RATE - System.nanoTime());
                String id = "tx-" + i;
                producer.send(new ProducerRecord<>(TOPIC, "user-" + (i % 50), id), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.add(id);
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
    }

    private static Map<String, Integer> readAll(String bootstrap) {
        Map<String, Integer> copies = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    copies.merge(record.value(), 1, Integer::sum);
                }
            }
        }
        return copies;
    }

    private static boolean fullyInSync(Admin admin) throws Exception {
        return admin
                .describeTopics(List.of(TOPIC))
                .allTopicNames()
                .get(60, TimeUnit.SECONDS)
                .get(TOPIC)
                .partitions()
                .stream()
                .map(TopicPartitionInfo::isr)
                .allMatch(isr -> isr.size() == 3);
    }
}
