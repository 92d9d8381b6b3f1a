package io.streamsight.alert.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Reads every partition of some topics on a thread of its own, from a start position, and keeps
 * reading: the way a replica holds a compacted topic as state (from the beginning) or a recent
 * stretch of event topics (from a point in time). No consumer group: every replica reads
 * everything and commits nothing. It says when it has caught up with the end offsets it saw at
 * start, and lets a writer wait until its own record has been read back (read-your-writes).
 */
public final class TopicFollower {

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);

    /** What the follower does with what it reads; called on the follower's thread only. */
    public interface Listener {
        void record(ConsumerRecord<String, byte[]> record);

        /** Once, when everything that existed at start has been read. */
        default void caughtUp() {}

        /** After every poll, records or not (at least every poll timeout). */
        default void polled() {}
    }

    private static final Duration POLL = Duration.ofMillis(500);

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Instant since;
    private final long atMostPerPartition;
    private final Listener listener;
    private final Thread thread;
    private final Map<TopicPartition, Long> readUpTo = new HashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private volatile boolean running = true;

    private TopicFollower(
            KafkaConsumer<String, byte[]> consumer,
            List<String> topics,
            Instant since,
            long atMostPerPartition,
            Listener listener) {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.since = since;
        this.atMostPerPartition = atMostPerPartition;
        this.listener = listener;
        this.thread = new Thread(this::readForever, String.join("+", topics) + "-follower");
        this.thread.setDaemon(true);
    }

    /** Follows the topics from their first retained record; starts reading at once. */
    public static TopicFollower fromBeginning(
            KafkaConsumer<String, byte[]> consumer, List<String> topics, Listener listener) {
        TopicFollower follower = new TopicFollower(consumer, topics, null, Long.MAX_VALUE, listener);
        follower.thread.start();
        return follower;
    }

    /** Follows the topics from the first record whose timestamp is at or after {@code since}. */
    public static TopicFollower since(
            KafkaConsumer<String, byte[]> consumer, List<String> topics, Instant since, Listener listener) {
        return recent(consumer, topics, since, Long.MAX_VALUE, listener);
    }

    /** Like {@link #since}, but from no further back than the last {@code atMostPerPartition} records of each partition. */
    public static TopicFollower recent(
            KafkaConsumer<String, byte[]> consumer,
            List<String> topics,
            Instant since,
            long atMostPerPartition,
            Listener listener) {
        TopicFollower follower = new TopicFollower(consumer, topics, since, atMostPerPartition, listener);
        follower.thread.start();
        return follower;
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Blocks until everything that existed at start has been read. */
    public void awaitCaughtUp(Duration timeout) throws InterruptedException {
        if (!caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(topics + " not read up to their end within " + timeout);
        }
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

    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }

    private void readForever() {
        try {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(topic ->
                            consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())))
                    .toList();
            consumer.assign(partitions);
            seekToStart(partitions);
            Map<TopicPartition, Long> endAtStart = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    listener.record(record);
                }
                synchronized (this) {
                    partitions.forEach(p -> readUpTo.put(p, consumer.position(p)));
                    notifyAll();
                }
                if (!isCaughtUp() && partitions.stream().allMatch(p -> consumer.position(p) >= endAtStart.get(p))) {
                    listener.caughtUp();
                    caughtUp.countDown();
                }
                listener.polled();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Stopped reading %s; what is built from them is no longer kept up to date", topics);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void seekToStart(List<TopicPartition> partitions) {
        if (since == null) {
            consumer.seekToBeginning(partitions);
            return;
        }
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(p -> query.put(p, since.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
        // null: no record that recent yet, so everything from now on
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        partitions.forEach(p -> {
            long fromTime = found.get(p) == null ? ends.get(p) : found.get(p).offset();
            long fromCount = Math.max(beginnings.get(p), ends.get(p) - atMostPerPartition);
            consumer.seek(p, Math.max(fromTime, fromCount));
        });
    }
}
