package io.streamsight.alert;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Sends one record every 1/rate seconds on its own thread until closed: a topic a consumer group can fall behind on. */
final class SteadyProducer implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;

    SteadyProducer(String bootstrapServers, String topic, int perSecond) {
        TestAlerts sender = new TestAlerts(bootstrapServers);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        thread = new Thread(
                () -> {
                    long next = System.nanoTime();
                    try (sender) {
                        while (running.get()) {
                            sender.send(topic, null, "tick");
                            next += periodNanos;
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "steady-producer");
        thread.start();
    }

    @Override
    public void close() throws InterruptedException {
        if (running.compareAndSet(true, false)) {
            thread.join(30_000);
        }
    }
}
