package io.streamsight.spark.fraud;

import io.streamsight.events.EventJson;
import io.streamsight.events.Topic;
import io.streamsight.events.rules.RuleBook;
import io.streamsight.events.rules.RuleStatus;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of each {@code fraud_rules} record in a JVM: logged and counted everywhere, and on
 * the driver also written to {@code fraud_rule_status}, where alert-service shows it to the
 * analyst who made the change.
 */
final class RuleOutcomes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RuleOutcomes.class);

    private final KafkaProducer<String, String> status;
    final RuleMetrics metrics;

    private RuleOutcomes(KafkaProducer<String, String> status, RuleMetrics metrics) {
        this.status = status;
        this.metrics = metrics;
    }

    /** An executor's: logs and counts only. */
    static RuleOutcomes logged(RuleMetrics metrics) {
        return new RuleOutcomes(null, metrics);
    }

    /** The driver's: also reports each outcome with a producer of {@code producerConfig}. */
    static RuleOutcomes reported(Map<String, Object> producerConfig, RuleMetrics metrics) {
        return new RuleOutcomes(new KafkaProducer<>(producerConfig), metrics);
    }

    /** Whether outcomes go to {@code fraud_rule_status}: only the driver's do. */
    boolean reports() {
        return status != null;
    }

    void report(RuleStatus outcome) {
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

    void inForce(RuleBook book) {
        LOG.info(
                "fraud rules in force: {}",
                book.rules().stream()
                        .map(r -> r.ruleId() + (r.enabled() ? "" : " (disabled)"))
                        .toList());
    }

    @Override
    public void close() {
        if (status != null) {
            status.close();
        }
    }
}
