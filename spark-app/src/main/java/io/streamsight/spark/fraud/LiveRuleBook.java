package io.streamsight.spark.fraud;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.events.rules.EffectiveRules;
import io.streamsight.events.rules.RuleBook;
import io.streamsight.events.rules.RuleStatus;
import io.streamsight.spark.pipeline.FraudRules;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force in this JVM: the rules file overlaid by the compacted {@code fraud_rules}
 * topic, which a daemon thread reads from the start and keeps following, so an analyst's change
 * reaches the running query within a poll (about {@link #POLL} plus the broker's delivery) with
 * no restart, in real-time and micro-batch mode alike. One follower per source and JVM: the
 * driver starts it and reports each record's outcome to {@code fraud_rule_status} and to the
 * metrics system; an executor in another JVM starts its own on first use and only applies.
 * An invalid record is rejected (logged, counted, reported) and the rule's previous version
 * stays in force; a broker outage leaves the rules as they were and retries.
 */
public final class LiveRuleBook {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRuleBook.class);
    private static final ConcurrentMap<Key, LiveRuleBook> FOLLOWING = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Key key;
    private final boolean reportStatus;
    private final Thread follower;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final AtomicInteger users = new AtomicInteger();
    private final RuleMetrics metrics = new RuleMetrics();
    private volatile RuleBook book;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    /**
     * Everything needed to follow the rules from any JVM. Each deserialised copy (one per task)
     * finds its JVM's follower once and keeps it, so a row costs no lookup.
     */
    public static final class Source implements RuleBookSource {
        private final Key key;
        private transient volatile LiveRuleBook follower;

        public Source(String bootstrapServers, Map<String, String> clientConfig, FraudRules base) {
            this.key = new Key(bootstrapServers, clientConfig, base);
        }

        @Override
        public RuleBook current() {
            LiveRuleBook current = follower;
            if (current == null || !current.running) {
                current = FOLLOWING.computeIfAbsent(key, k -> new LiveRuleBook(k, false));
                follower = current;
            }
            return current.awaitBook();
        }
    }

    /** A follower's identity in its JVM: one per broker, client settings and rules file. */
    record Key(String bootstrapServers, Map<String, String> clientConfig, FraudRules base) implements Serializable {
        Key {
            clientConfig = Map.copyOf(clientConfig);
        }
    }

    private LiveRuleBook(Key key, boolean reportStatus) {
        this.key = key;
        this.reportStatus = reportStatus;
        this.book = RuleBook.of(key.base().rules());
        this.follower = new Thread(this::follow, "fraud-rules-follower");
        follower.setDaemon(true);
        follower.start();
    }

    /**
     * On the driver: follows the rules of {@code source} and reports what it applies; each call
     * must be matched by {@link #release}. In local mode the executors share this follower.
     */
    public static LiveRuleBook acquire(Source source) {
        LiveRuleBook book = FOLLOWING.compute(
                source.key,
                (s, existing) -> existing != null && existing.reportStatus ? existing : replacing(existing, s));
        book.users.incrementAndGet();
        return book;
    }

    private static LiveRuleBook replacing(LiveRuleBook existing, Key key) {
        if (existing != null) {
            existing.stop();
        }
        LiveRuleBook book = new LiveRuleBook(key, true);
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            env.metricsSystem().registerSource(book.metrics);
        }
        return book;
    }

    /** Stops following once the last user has released it. */
    public void release() {
        if (users.decrementAndGet() == 0 && FOLLOWING.remove(key, this)) {
            stop();
            SparkEnv env = SparkEnv.get();
            if (env != null) {
                env.metricsSystem().removeSource(metrics);
            }
        }
    }

    /** The rules in force, after the first read of the topic up to its end (or {@link #CATCH_UP}). */
    RuleBook awaitBook() {
        try {
            if (!caughtUp.await(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("fraud_rules not read to its end after {}; evaluating with the rules known so far", CATCH_UP);
                caughtUp.countDown();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return book;
    }

    private void stop() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        caughtUp.countDown();
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<byte[], byte[]> kafka = new KafkaConsumer<>(consumerConfig());
                    KafkaProducer<String, String> status =
                            reportStatus ? new KafkaProducer<>(producerConfig()) : null) {
                consumer = kafka;
                readFromTheStart(kafka, status);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn(
                        "cannot follow {}; the rules in force stay as they are, retrying in {}: {}",
                        Topic.FRAUD_RULES.topicName(),
                        RETRY,
                        e.toString());
                sleep(RETRY);
            }
        }
    }

    private void readFromTheStart(KafkaConsumer<byte[], byte[]> kafka, KafkaProducer<String, String> status) {
        List<TopicPartition> partitions = kafka.partitionsFor(Topic.FRAUD_RULES.topicName()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        kafka.assign(partitions);
        kafka.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = kafka.endOffsets(partitions);
        EffectiveRules rules = new EffectiveRules(key.base().rules());
        while (running) {
            for (ConsumerRecord<byte[], byte[]> record : kafka.poll(POLL)) {
                RuleStatus outcome = rules.apply(record.key(), record.value(), record.offset());
                book = rules.book();
                report(outcome, status);
            }
            if (caughtUp.getCount() > 0
                    && end.entrySet().stream().allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                LOG.info(
                        "fraud rules in force: {}",
                        book.rules().stream()
                                .map(r -> r.ruleId() + (r.enabled() ? "" : " (disabled)"))
                                .toList());
                caughtUp.countDown();
            }
        }
    }

    private void report(RuleStatus outcome, KafkaProducer<String, String> status) {
        switch (outcome.status()) {
            case ACTIVE ->
                LOG.info("fraud rule {} applied (fraud_rules offset {})", outcome.ruleId(), outcome.sourceOffset());
            case DELETED ->
                LOG.info("fraud rule {} deleted (fraud_rules offset {})", outcome.ruleId(), outcome.sourceOffset());
            case REJECTED ->
                LOG.warn(
                        "fraud rule {} rejected, its previous version stays in force (fraud_rules offset {}): {}",
                        outcome.ruleId(),
                        outcome.sourceOffset(),
                        outcome.reason());
        }
        metrics.count(outcome.status());
        if (status != null && outcome.ruleId() != null) {
            status.send(
                    new ProducerRecord<>(
                            Topic.FRAUD_RULE_STATUS.topicName(), outcome.ruleId(), EventJson.write(outcome)),
                    (metadata, error) -> {
                        if (error != null) {
                            LOG.warn(
                                    "cannot report the status of fraud rule {}: {}",
                                    outcome.ruleId(),
                                    error.toString());
                        }
                    });
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(key.clientConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, key.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamsight-spark-fraud-rules");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(key.clientConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, key.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "streamsight-spark-fraud-rule-status");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return config;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Counts of {@code fraud_rules} records by outcome and the rules in force, on the driver's metrics system. */
    private final class RuleMetrics implements org.apache.spark.metrics.source.Source {
        private final MetricRegistry registry = new MetricRegistry();

        RuleMetrics() {
            registry.register("rules_in_force", (Gauge<Integer>)
                    () -> (int) book.rules().stream().filter(r -> r.enabled()).count());
        }

        void count(RuleStatus.State state) {
            Counter counter = registry.counter("rule_changes_" + state.name().toLowerCase(java.util.Locale.ROOT));
            counter.inc();
        }

        @Override
        public String sourceName() {
            return "fraud_rules";
        }

        @Override
        public MetricRegistry metricRegistry() {
            return registry;
        }
    }
}
