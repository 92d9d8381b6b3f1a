package io.streamsight.spark.fraud;

import io.streamsight.events.Topic;
import io.streamsight.events.rules.EffectiveRules;
import io.streamsight.events.rules.RuleBook;
import io.streamsight.events.rules.RuleStatus;
import io.streamsight.kafka.ProducerDurability;
import io.streamsight.kafka.TopicFollower;
import io.streamsight.spark.pipeline.FraudRules;
import io.streamsight.spark.pipeline.StreamSightSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules in force in this JVM: the rules file overlaid by the compacted {@code fraud_rules}
 * topic, which a follower reads from the start and keeps following, so an analyst's change
 * reaches the running query within a poll (about {@link #POLL} plus the broker's delivery) with
 * no restart, in real-time and micro-batch mode alike. One follower per source and JVM: the
 * driver starts it and reports each record's outcome ({@link RuleOutcomes}); an executor in
 * another JVM starts its own on first use and only applies. An invalid record is rejected and
 * the rule's previous version stays in force; a broker outage leaves the rules as they were, and
 * the follower reads the topic again from the start once the broker is back.
 */
public final class LiveRuleBook implements TopicFollower.Listener<byte[], byte[]> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRuleBook.class);
    private static final ConcurrentMap<Key, LiveRuleBook> FOLLOWING = new ConcurrentHashMap<>();
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final Key key;
    private final RuleOutcomes outcomes;
    private final AtomicInteger users = new AtomicInteger();
    private final TopicFollower<byte[], byte[]> follower;
    /** The follower thread's working copy; {@link #book} is what evaluation sees. */
    private EffectiveRules rules;

    private volatile RuleBook book;
    private volatile boolean awaitingFirstRead = true;

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

        /** The rules of the settings' rules file and broker. */
        public static Source of(StreamSightSettings settings) {
            return new Source(settings.bootstrapServers(), settings.kafkaClientConfig(), settings.fraudRules());
        }

        @Override
        public RuleBook current() {
            LiveRuleBook current = follower;
            if (current == null || !current.follower.isRunning()) {
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

        KafkaConsumer<byte[], byte[]> consumer() {
            Map<String, Object> config = new HashMap<>(clientConfig);
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamsight-spark-fraud-rules");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            return new KafkaConsumer<>(config);
        }

        Map<String, Object> statusProducerConfig() {
            Map<String, Object> config = new HashMap<>(clientConfig);
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "streamsight-spark-fraud-rule-status");
            config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            return ProducerDurability.imposedOn(config);
        }
    }

    private LiveRuleBook(Key key, boolean reportStatus) {
        this.key = key;
        this.book = RuleBook.of(key.base().rules());
        RuleMetrics metrics = new RuleMetrics(() -> book);
        this.outcomes = reportStatus
                ? RuleOutcomes.reported(key.statusProducerConfig(), metrics)
                : RuleOutcomes.logged(metrics);
        this.follower = TopicFollower.of(key::consumer, List.of(Topic.FRAUD_RULES.topicName()))
                .polling(POLL)
                .retryingAfter(RETRY)
                .threadName("fraud-rules-follower")
                .start(this);
    }

    /**
     * On the driver: follows the rules of {@code source} and reports what it applies; each call
     * must be matched by {@link #release}. In local mode the executors share this follower.
     */
    public static LiveRuleBook acquire(Source source) {
        LiveRuleBook book = FOLLOWING.compute(
                source.key,
                (s, existing) -> existing != null && existing.outcomes.reports() ? existing : replacing(existing, s));
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
            env.metricsSystem().registerSource(book.outcomes.metrics);
        }
        return book;
    }

    /** Starts a query (in the caller's {@code start}) that evaluates a rule book. */
    @FunctionalInterface
    public interface QueryStart {
        StreamingQuery start() throws TimeoutException;
    }

    /**
     * Starts a query that evaluates the rules of {@code source}, with the driver following them
     * (and reporting what it applies) for as long as the query runs, however it ends.
     */
    public static StreamingQuery following(SparkSession spark, Source source, QueryStart start)
            throws TimeoutException {
        LiveRuleBook follower = acquire(source);
        try {
            StreamingQuery query = start.start();
            ReleaseOnTermination.register(spark.streams(), query.id(), follower::release);
            return query;
        } catch (TimeoutException | RuntimeException e) {
            follower.release();
            throw e;
        }
    }

    /** Stops following once the last user has released it. */
    public void release() {
        if (users.decrementAndGet() == 0 && FOLLOWING.remove(key, this)) {
            stop();
            SparkEnv env = SparkEnv.get();
            if (env != null) {
                env.metricsSystem().removeSource(outcomes.metrics);
            }
        }
    }

    /** The rules in force, after the first read of the topic up to its end (or {@link #CATCH_UP}). */
    RuleBook awaitBook() {
        if (awaitingFirstRead) {
            try {
                if (!follower.awaitCaughtUp(CATCH_UP)) {
                    LOG.warn(
                            "fraud_rules not read to its end after {}; evaluating with the rules known so far",
                            CATCH_UP);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            awaitingFirstRead = false;
        }
        return book;
    }

    @Override
    public void reading() {
        rules = new EffectiveRules(key.base().rules());
    }

    @Override
    public void record(ConsumerRecord<byte[], byte[]> record) {
        RuleStatus outcome = rules.apply(record.key(), record.value(), record.offset());
        book = rules.book();
        outcomes.report(outcome);
    }

    @Override
    public void caughtUp() {
        outcomes.inForce(book);
    }

    private void stop() {
        awaitingFirstRead = false;
        try {
            follower.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        outcomes.close();
    }
}
