package io.streamsight.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.localstack.broker.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kafka-support's follower and range reader against a real broker (tests live here, beside the broker). */
class TopicFollowerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static EmbeddedKafka kafka;
    private static KafkaProducer<String, String> producer;
    private static int topics;

    @BeforeAll
    static void startBroker() {
        kafka = EmbeddedKafka.start(0, dir.resolve("kafka"));
        producer = new KafkaProducer<>(
                ProducerDurability.imposedOn(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers())),
                new StringSerializer(),
                new StringSerializer());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        kafka.close();
    }

    @Test
    void readsWhatExistedThenSaysItCaughtUpThenFollowsAndReadsItsOwnWrites() throws Exception {
        String topic = newTopic(3);
        List<String> before = write(topic, "old-", 30);
        List<String> read = new CopyOnWriteArrayList<>();
        List<Integer> readAtCatchUp = new ArrayList<>();
        try (TopicFollower<String, String> follower = TopicFollower.of(consumers(), List.of(topic))
                .start(new TopicFollower.Listener<>() {
                    @Override
                    public void record(ConsumerRecord<String, String> record) {
                        read.add(record.value());
                    }

                    @Override
                    public void caughtUp() {
                        readAtCatchUp.add(read.size());
                    }
                })) {
            assertThat(follower.awaitCaughtUp(WAIT)).isTrue();
            assertThat(readAtCatchUp).containsExactly(30);
            assertThat(read).containsExactlyInAnyOrderElementsOf(before);

            RecordMetadata mine =
                    producer.send(new ProducerRecord<>(topic, "k", "mine")).get();
            follower.awaitRead(new TopicPartition(topic, mine.partition()), mine.offset(), WAIT);
            assertThat(read).contains("mine").hasSize(31);
            assertThat(readAtCatchUp).as("caught up is said once").containsExactly(30);
        }
    }

    @Test
    void startsAtTheEndOrAtTheLastRecordsSinceATime() throws Exception {
        String topic = newTopic(1);
        write(topic, "old-", 10);
        List<String> fromEnd = new CopyOnWriteArrayList<>();
        List<String> recent = new CopyOnWriteArrayList<>();
        try (TopicFollower<String, String> end = TopicFollower.of(consumers(), List.of(topic))
                        .from(StartPosition.end())
                        .start(r -> fromEnd.add(r.value()));
                TopicFollower<String, String> lastThree = TopicFollower.of(consumers(), List.of(topic))
                        .from(StartPosition.recent(Instant.EPOCH, 3))
                        .start(r -> recent.add(r.value()))) {
            assertThat(end.awaitCaughtUp(WAIT)).isTrue();
            assertThat(lastThree.awaitCaughtUp(WAIT)).isTrue();
            RecordMetadata last =
                    producer.send(new ProducerRecord<>(topic, "k", "new")).get();
            end.awaitRead(new TopicPartition(topic, 0), last.offset(), WAIT);
            lastThree.awaitRead(new TopicPartition(topic, 0), last.offset(), WAIT);
            assertThat(fromEnd).containsExactly("new");
            assertThat(recent).containsExactly("old-7", "old-8", "old-9", "new");
        }
    }

    @Test
    void afterAFailureItStartsAgainWithANewConsumerFromTheStartWhenToldToRetry() throws Exception {
        String topic = newTopic(1);
        write(topic, "r-", 5);
        AtomicInteger opened = new AtomicInteger();
        Supplier<KafkaConsumer<String, String>> failingOnce = () -> {
            if (opened.incrementAndGet() == 1) {
                throw new KafkaException("broker unreachable");
            }
            return consumers().get();
        };
        AtomicInteger starts = new AtomicInteger();
        List<String> read = new CopyOnWriteArrayList<>();
        try (TopicFollower<String, String> follower = TopicFollower.of(failingOnce, List.of(topic))
                .retryingAfter(Duration.ofMillis(100))
                .start(new TopicFollower.Listener<>() {
                    @Override
                    public void reading() {
                        starts.incrementAndGet();
                        read.clear();
                    }

                    @Override
                    public void record(ConsumerRecord<String, String> record) {
                        read.add(record.value());
                    }
                })) {
            assertThat(follower.awaitCaughtUp(WAIT)).isTrue();
            assertThat(opened).hasValue(2);
            assertThat(starts).hasValue(1);
            assertThat(read).containsExactly("r-0", "r-1", "r-2", "r-3", "r-4");
        }

        Supplier<KafkaConsumer<String, String>> unreachable = () -> {
            throw new KafkaException("broker unreachable");
        };
        try (TopicFollower<String, String> stopping =
                TopicFollower.of(unreachable, List.of(topic)).start(r -> {})) {
            assertThat(stopping.awaitCaughtUp(Duration.ofSeconds(2))).isFalse();
            assertThat(stopping.isRunning())
                    .as("without retry a failure stops it")
                    .isFalse();
        }
    }

    @Test
    void readsExactlyTheRangeItIsGiven() throws Exception {
        String topic = newTopic(2);
        write(topic, "v-", 40);
        TopicPartition p0 = new TopicPartition(topic, 0);
        TopicPartition p1 = new TopicPartition(topic, 1);
        try (KafkaConsumer<String, String> consumer = consumers().get()) {
            Map<TopicPartition, Long> ends = consumer.endOffsets(List.of(p0, p1));
            assertThat(ends.get(p0)).isGreaterThan(4);
            Map<TopicPartition, Long> from = new HashMap<>(Map.of(p0, 2L, p1, ends.get(p1)));
            Map<TopicPartition, Long> until = Map.of(p0, 4L, p1, ends.get(p1));
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            TopicRange.read(consumer, from, until, read::add);
            assertThat(read).extracting(ConsumerRecord::offset).containsExactly(2L, 3L);
            assertThat(read).allMatch(r -> r.partition() == 0);

            List<String> all = new ArrayList<>();
            TopicRange.readToEnd(consumer, List.of(topic), r -> all.add(r.value()));
            assertThat(all).hasSize(40);
        }
    }

    private static String newTopic(int partitions) throws Exception {
        String name = "follower-test-" + ++topics;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        return name;
    }

    private static List<String> write(String topic, String prefix, int count) throws Exception {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String value = prefix + i;
            producer.send(new ProducerRecord<>(topic, "key-" + i, value)).get();
            values.add(value);
        }
        return values;
    }

    private static Supplier<KafkaConsumer<String, String>> consumers() {
        return () -> new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringDeserializer(),
                new StringDeserializer());
    }
}
