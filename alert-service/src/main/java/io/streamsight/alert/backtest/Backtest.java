package io.streamsight.alert.backtest;

import io.streamsight.alert.config.KafkaConnection;
import io.streamsight.events.EventJson;
import io.streamsight.events.FraudGroundTruth;
import io.streamsight.events.MalformedEventException;
import io.streamsight.events.Topic;
import io.streamsight.events.Transaction;
import io.streamsight.events.rules.RuleBook;
import io.streamsight.kafka.StartPosition;
import io.streamsight.kafka.TopicRange;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * One backtest: the {@code transactions} records from the first at or after {@code from} up to
 * the first at or after {@code until} (per partition, by Kafka timestamp, as
 * {@code offsetsForTimes} finds them), each evaluated by the rules in force when it was submitted
 * and by the candidate set. It reads with its own consumer, which has no group and commits
 * nothing, so live processing never notices it.
 */
final class Backtest {

    private static final Logger LOG = Logger.getLogger(Backtest.class);
    /** Ground truth is written beside its transaction; this much slack on each side catches it all. */
    private static final Duration GROUND_TRUTH_SLACK = Duration.ofMinutes(5);

    static final int PROGRESS_SECONDS = 10;
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(PROGRESS_SECONDS);

    private final String id;
    private final BacktestRequest request;
    private final String requestedBy;
    private final RuleBook inForce;
    private final RuleBook candidate;
    private final Instant submittedAt = Instant.now();
    private volatile BacktestReport.State state = BacktestReport.State.QUEUED;
    private volatile long read;
    private volatile long total;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile BacktestReport.Result result;

    Backtest(String id, BacktestRequest request, String requestedBy, RuleBook inForce, RuleBook candidate) {
        this.id = id;
        this.request = request;
        this.requestedBy = requestedBy;
        this.inForce = inForce;
        this.candidate = candidate;
    }

    String id() {
        return id;
    }

    boolean finished() {
        return finishedAt != null;
    }

    BacktestReport report() {
        return new BacktestReport(
                id,
                state,
                requestedBy,
                request.from(),
                request.until(),
                submittedAt,
                finishedAt,
                Instant.now(),
                new BacktestReport.Progress(read, total),
                error,
                result);
    }

    /**
     * Runs to the end, calling {@code progressed} every {@value #PROGRESS_SECONDS} s; interrupting
     * the thread cancels it, which it reports as failed.
     */
    void run(KafkaConnection kafka, Function<String, Optional<Boolean>> labels, Runnable progressed) {
        state = BacktestReport.State.RUNNING;
        long started = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = kafka.reader("alert-service-backtest-" + id)) {
            Map<String, String> fraud = groundTruth(consumer);
            String topic = Topic.TRANSACTIONS.topicName();
            List<TopicPartition> partitions = TopicRange.partitionsOf(consumer, List.of(topic));
            Map<TopicPartition, Long> from = StartPosition.since(request.from()).offsets(consumer, partitions);
            Map<TopicPartition, Long> until =
                    StartPosition.since(request.until()).offsets(consumer, partitions);
            total = partitions.stream()
                    .mapToLong(p -> Math.max(0, until.get(p) - from.get(p)))
                    .sum();
            LOG.infof(
                    "Backtest %s by %s: %d transactions records from %s to %s, %d rules in force, %d candidate rules",
                    id,
                    requestedBy,
                    total,
                    request.from(),
                    request.until(),
                    inForce.rules().size(),
                    request.rules().size());
            progressed.run();
            BacktestTally tally = new BacktestTally(inForce, candidate, fraud, labels);
            long[] unreadable = {0};
            long[] nextReport = {System.nanoTime() + PROGRESS_EVERY.toNanos()};
            TopicRange.read(consumer, from, until, record -> {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("alert-service is stopping");
                }
                read++;
                if (!evaluate(record, tally)) {
                    unreadable[0]++;
                }
                if (System.nanoTime() > nextReport[0]) {
                    nextReport[0] = System.nanoTime() + PROGRESS_EVERY.toNanos();
                    LOG.infof("Backtest %s: %d of %d records (%d%%)", id, read, total, 100 * read / Math.max(1, total));
                    progressed.run();
                }
            });
            result = tally.result(unreadable[0]);
            state = BacktestReport.State.SUCCEEDED;
            LOG.infof(
                    "Backtest %s done in %d ms: %d transactions, flagged %d in force and %d candidate",
                    id,
                    (System.nanoTime() - started) / 1_000_000,
                    result.transactions(),
                    result.inForce().flagged(),
                    result.candidate().flagged());
        } catch (RuntimeException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
            state = BacktestReport.State.FAILED;
            LOG.errorf(e, "Backtest %s failed", id);
        } finally {
            finishedAt = Instant.now();
        }
    }

    /** Evaluates one record; false if it is not a valid transaction, which the fraud query dead-letters too. */
    private static boolean evaluate(ConsumerRecord<String, byte[]> record, BacktestTally tally) {
        if (record.value() == null) {
            return false;
        }
        try {
            tally.add(EventJson.read(record.value(), Transaction.class));
            return true;
        } catch (MalformedEventException e) {
            return false;
        }
    }

    private Map<String, String> groundTruth(KafkaConsumer<String, byte[]> consumer) {
        String topic = Topic.FRAUD_GROUND_TRUTH.topicName();
        List<TopicPartition> partitions = TopicRange.partitionsOf(consumer, List.of(topic));
        Map<String, String> patterns = new HashMap<>();
        TopicRange.read(
                consumer,
                StartPosition.since(request.from().minus(GROUND_TRUTH_SLACK)).offsets(consumer, partitions),
                StartPosition.since(request.until().plus(GROUND_TRUTH_SLACK)).offsets(consumer, partitions),
                record -> {
                    if (record.value() == null) {
                        return;
                    }
                    try {
                        FraudGroundTruth truth = EventJson.read(record.value(), FraudGroundTruth.class);
                        patterns.put(truth.transactionId(), truth.pattern());
                    } catch (MalformedEventException e) {
                        LOG.debugf("Backtest %s: skipping unreadable ground truth at offset %d", id, record.offset());
                    }
                });
        return patterns;
    }
}
