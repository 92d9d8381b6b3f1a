package io.streamsight.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of some topics on a daemon thread of its own, from a start position, and
 * keeps reading: the way a process holds a compacted topic as state (from the beginning), a
 * recent stretch of event topics (from a point in time) or a live view (from the end). No
 * consumer group: every reader reads everything and commits nothing. It says when it has caught
 * up with the end offsets it saw at start, and lets a writer wait until its own record has been
 * read back (read-your-writes). A failure stops it, or, when it is told to retry, closes the
 * consumer and reads again from the start position with a new one.
 */
public final class TopicFollower<K, V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

    /** What the follower does with what it reads; called on the follower's thread only. */
    public interface Listener<K, V> {

        /** Before the first record from the start position: at start, and again after each retry. */
        default void reading() {}

        void record(ConsumerRecord<K, V> record);

        /** Once, when everything that existed at start has been read. */
        default void caughtUp() {}

        /** After every poll, records or not (at least every poll timeout). */
        default void polled() {}
    }

    private final Supplier<? extends Consumer<K, V>> consumers;
    private final List<String> topics;
    private final StartPosition start;
    private final Duration poll;
    private final Duration retry;
    private final Listener<K, V> listener;
    private final Thread thread;
    private final Map<TopicPartition, Long> readUpTo = new HashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile Consumer<K, V> consumer;

    private TopicFollower(Builder<K, V> builder, Listener<K, V> listener) {
        this.consumers = builder.consumers;
        this.topics = builder.topics;
        this.start = builder.start;
        this.poll = builder.poll;
        this.retry = builder.retry;
        this.listener = listener;
        this.thread = new Thread(this::readForever, builder.name);
        this.thread.setDaemon(true);
    }

    /** A follower of {@code topics}, each (re)start reading with a new consumer from {@code consumers}. */
    public static <K, V> Builder<K, V> of(Supplier<? extends Consumer<K, V>> consumers, Collection<String> topics) {
        return new Builder<>(consumers, topics);
    }

    public static final class Builder<K, V> {
        private final Supplier<? extends Consumer<K, V>> consumers;
        private final List<String> topics;
        private StartPosition start = StartPosition.beginning();
        private Duration poll = Duration.ofMillis(500);
        private Duration retry;
        private String name;

        private Builder(Supplier<? extends Consumer<K, V>> consumers, Collection<String> topics) {
            this.consumers = Objects.requireNonNull(consumers);
            this.topics = List.copyOf(topics);
            this.name = String.join("+", topics) + "-follower";
        }

        /** Where to start; the beginning unless told. */
        public Builder<K, V> from(StartPosition start) {
            this.start = Objects.requireNonNull(start);
            return this;
        }

        /** The longest a poll waits for records; half a second unless told. */
        public Builder<K, V> polling(Duration poll) {
            this.poll = Objects.requireNonNull(poll);
            return this;
        }

        /** After a failure, start again with a new consumer after {@code pause}, instead of stopping. */
        public Builder<K, V> retryingAfter(Duration pause) {
            this.retry = Objects.requireNonNull(pause);
            return this;
        }

        public Builder<K, V> threadName(String name) {
            this.name = Objects.requireNonNull(name);
            return this;
        }

        /** Starts reading at once. */
        public TopicFollower<K, V> start(Listener<K, V> listener) {
            TopicFollower<K, V> follower = new TopicFollower<>(this, Objects.requireNonNull(listener));
            follower.thread.start();
            return follower;
        }
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Whether everything that existed at start was read within {@code timeout}. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Blocks until the record at {@code offset} of {@code partition} has been handed to the listener. */
    public synchronized void awaitRead(TopicPartition partition, long offset, Duration timeout)
            throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readUpTo.getOrDefault(partition, 0L) <= offset) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                throw new TimeoutException("record " + partition + "@" + offset + " not read back within " + timeout);
            }
            wait(left);
        }
    }

    public boolean isRunning() {
        return running && thread.isAlive();
    }

    /** Stops reading and waits (a few seconds at most) for the consumer to be closed. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        closing.countDown();
        Consumer<K, V> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.join(5_000);
    }

    private void readForever() {
        while (running) {
            try (Consumer<K, V> opened = consumers.get()) {
                consumer = opened;
                if (running) {
                    follow(opened);
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (retry == null) {
                    LOG.error("Stopped reading {}; what is built from them is no longer kept up to date", topics, e);
                    running = false;
                    return;
                }
                LOG.warn("Cannot read {}, starting again in {}: {}", topics, retry, e.toString());
                pause();
            }
        }
    }

    private void follow(Consumer<K, V> opened) {
        List<TopicPartition> partitions = TopicRange.partitionsOf(opened, topics);
        opened.assign(partitions);
        start.offsets(opened, partitions).forEach(opened::seek);
        Map<TopicPartition, Long> endAtStart = opened.endOffsets(partitions);
        listener.reading();
        while (running) {
            for (ConsumerRecord<K, V> record : opened.poll(poll)) {
                listener.record(record);
            }
            synchronized (this) {
                partitions.forEach(p -> readUpTo.put(p, opened.position(p)));
                notifyAll();
            }
            if (!isCaughtUp() && TopicRange.reached(opened, endAtStart)) {
                listener.caughtUp();
                caughtUp.countDown();
            }
            listener.polled();
        }
    }

    private void pause() {
        try {
            closing.await(retry.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
