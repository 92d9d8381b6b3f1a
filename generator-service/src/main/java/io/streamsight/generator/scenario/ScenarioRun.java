package io.streamsight.generator.scenario;

import io.streamsight.events.Topic;
import io.streamsight.generator.publish.EventPublisher;
import io.streamsight.generator.synth.EventStream;
import io.streamsight.generator.synth.TopicRecord;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Runs one scenario on the calling thread: paces slots at the requested rate, sends every
 * record, and ends when the count or duration is reached (or on {@link #stop()}) once all its
 * records are acknowledged or failed, so the final counts are exact.
 */
public final class ScenarioRun {

    private static final System.Logger LOG = System.getLogger(ScenarioRun.class.getName());
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final String id;
    private final ScenarioSpec spec;
    private final EventPublisher publisher;
    private final AtomicLong generated = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong groundTruth = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private final Queue<TopicRecord> releasedGroundTruth = new ConcurrentLinkedQueue<>();
    private GroundTruthRelease lastTransaction;
    private volatile ScenarioState state = ScenarioState.RUNNING;
    private volatile boolean stopRequested;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile long startNanos;
    private volatile double currentRate;
    private long rateWindowStart;
    private long rateWindowSent;

    public ScenarioRun(String id, ScenarioSpec spec, EventPublisher publisher) {
        this.id = id;
        this.spec = spec;
        this.publisher = publisher;
    }

    public String id() {
        return id;
    }

    public ScenarioSpec spec() {
        return spec;
    }

    /** Generates and sends until the end of the scenario; returns the final state. */
    public ScenarioState run() {
        startedAt = Instant.now();
        startNanos = System.nanoTime();
        rateWindowStart = startNanos;
        LOG.log(Level.INFO, "scenario " + id + " started: " + spec);
        ScenarioState end;
        try {
            generate(spec.newStream());
            end = stopRequested ? ScenarioState.STOPPED : ScenarioState.COMPLETED;
        } catch (RuntimeException e) {
            lastError.set(e.toString());
            LOG.log(Level.ERROR, "scenario " + id + " failed while generating", e);
            end = ScenarioState.FAILED;
        }
        awaitAcknowledgements();
        finishedAt = Instant.now();
        currentRate = 0;
        state = end;
        LOG.log(
                Level.INFO,
                "scenario " + id + " " + end.wireName() + ": " + generated.get() + " events generated, " + sent.get()
                        + " records sent, " + errors.get() + " send errors, " + groundTruth.get() + " frauds injected");
        return end;
    }

    /** Asks the run to end after the current slot. */
    public void stop() {
        stopRequested = true;
    }

    public ScenarioStatus status() {
        return new ScenarioStatus(
                id,
                state,
                generated.get(),
                sent.get(),
                errors.get(),
                groundTruth.get(),
                currentRate,
                progress(),
                startedAt,
                finishedAt,
                lastError.get());
    }

    /** 0..1 towards the count or duration (whichever is further along), null when unbounded. */
    public Double progress() {
        if (state == ScenarioState.COMPLETED) {
            return 1.0;
        }
        Double byCount = spec.count() == null ? null : (double) generated.get() / spec.count();
        Double byTime = spec.duration() == null || startedAt == null
                ? null
                : Math.min(
                        1.0,
                        (System.nanoTime() - startNanos)
                                / (double) spec.duration().toNanos());
        if (byCount == null) {
            return byTime;
        }
        return byTime == null ? byCount : Math.max(byCount, byTime);
    }

    private void generate(EventStream stream) {
        double nanosPerSlot = 1e9 / spec.ratePerSecond();
        long deadline = spec.duration() == null
                ? Long.MAX_VALUE
                : startNanos + spec.duration().toNanos();
        for (long slot = 0; spec.count() == null || slot < spec.count(); slot++) {
            long due = startNanos + (long) (slot * nanosPerSlot);
            if (!waitUntil(due) || System.nanoTime() >= deadline) {
                return;
            }
            stream.next(spec.slotTime(slot), this::send);
            generated.incrementAndGet();
        }
    }

    /** Parks until {@code due}, staying responsive to stop requests; false once stopped. */
    private boolean waitUntil(long due) {
        while (true) {
            long now = System.nanoTime();
            updateRate(now);
            if (stopRequested) {
                return false;
            }
            if (now >= due) {
                return true;
            }
            LockSupport.parkNanos(Math.min(due - now, MAX_PARK_NANOS));
        }
    }

    /** Receives a slot's records: its event, then the ground truth if the event is an injected fraud. */
    private void send(TopicRecord record) {
        if (record.topic() == Topic.FRAUD_GROUND_TRUTH) {
            lastTransaction.groundTruth(record);
            return;
        }
        sendReleasedGroundTruth();
        if (record.topic() == Topic.TRANSACTIONS) {
            GroundTruthRelease release = new GroundTruthRelease(releasedGroundTruth);
            lastTransaction = release;
            publish(record, error -> release.transactionAcknowledged(error == null));
        } else {
            publish(record, error -> {});
        }
    }

    private void sendReleasedGroundTruth() {
        TopicRecord truth;
        while ((truth = releasedGroundTruth.poll()) != null) {
            groundTruth.incrementAndGet();
            publish(truth, error -> {});
        }
    }

    private void publish(TopicRecord record, Consumer<Exception> then) {
        pending.incrementAndGet();
        publisher.send(record, (RecordMetadata metadata, Exception error) -> {
            if (error == null) {
                sent.incrementAndGet();
            } else {
                errors.incrementAndGet();
                lastError.set(error.toString());
            }
            then.accept(error);
            pending.decrementAndGet();
        });
    }

    private void awaitAcknowledgements() {
        // Every send reports exactly once (within the producer's delivery timeout), so this ends;
        // ground truth released meanwhile is sent before the scenario counts as finished.
        while (pending.get() > 0 || !releasedGroundTruth.isEmpty()) {
            sendReleasedGroundTruth();
            updateRate(System.nanoTime());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    private void updateRate(long now) {
        long elapsed = now - rateWindowStart;
        if (elapsed >= RATE_WINDOW_NANOS) {
            long acknowledged = sent.get();
            currentRate = (acknowledged - rateWindowSent) * 1e9 / elapsed;
            rateWindowStart = now;
            rateWindowSent = acknowledged;
        }
    }
}
