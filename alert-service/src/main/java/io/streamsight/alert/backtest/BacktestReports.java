package io.streamsight.alert.backtest;

import io.quarkus.runtime.Startup;
import io.streamsight.alert.config.KafkaConnection;
import io.streamsight.alert.kafka.StateTopic;
import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.kafka.TopicFollower;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Every backtest's latest report, as the compacted {@code rule_backtests} holds it: the replica
 * running a backtest writes its report on each change of state and progress, every replica reads
 * them all, so a {@code GET} through the Service finds a backtest whichever replica answers.
 */
@Startup
@ApplicationScoped
public class BacktestReports implements TopicFollower.Listener<String, byte[]> {

    private static final Logger LOG = Logger.getLogger(BacktestReports.class);
    private static final String TOPIC = Topic.RULE_BACKTESTS.topicName();

    private final KafkaConnection kafka;
    private final Map<String, BacktestReport> byId = new ConcurrentHashMap<>();
    private StateTopic topic;

    public BacktestReports(KafkaConnection kafka) {
        this.kafka = kafka;
    }

    @PostConstruct
    void start() {
        topic = new StateTopic(
                TOPIC, kafka.writer("alert-service-backtests"), () -> kafka.reader("alert-service-backtests"), this);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        topic.close();
    }

    /** Writes a report; returns once this replica has read it back. */
    void publish(BacktestReport report) {
        topic.write(report.id(), EventJson.write(report));
    }

    Optional<BacktestReport> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Deletes the finished backtests but the {@code kept} that finished last, whichever replica ran them. */
    void forgetFinishedBeyond(int kept) {
        byId.values().stream()
                .filter(report -> report.finishedAt() != null)
                .sorted(Comparator.comparing(BacktestReport::finishedAt, Comparator.<Instant>reverseOrder()))
                .skip(kept)
                .map(BacktestReport::id)
                .toList()
                .forEach(id -> topic.write(id, null));
    }

    @Override
    public void caughtUp() {
        LOG.infof("Loaded %d backtest reports from %s", byId.size(), TOPIC);
    }

    @Override
    public void record(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            byId.remove(record.key());
            return;
        }
        try {
            byId.put(record.key(), EventJson.read(record.value(), BacktestReport.class));
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Ignoring unreadable backtest report %s at offset %d: %s",
                    record.key(), record.offset(), e.getMessage());
        }
    }
}
