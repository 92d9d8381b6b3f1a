package io.streamsight.alert.feed;

import io.streamsight.alert.AlertFilter;
import io.streamsight.alert.feed.AlertFeed.FeedEvent;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One client of {@code /alerts/stream}. Frames offered by the intake are written on the
 * connection's own event loop, at most one write per {@link #MIN_WRITE_INTERVAL_NANOS}: an alert
 * that follows the last write by more than that goes out at once, and under a burst every frame
 * that piled up in the meantime goes out in one write. Each write is a system call and an
 * event-loop wake-up, which at thousands of alerts a second per client cost more than everything
 * else the service does (docs/benchmarks.md, alert-service). A client that stops reading is closed once
 * its unsent bytes pass the limit; it reconnects with {@code Last-Event-ID} and catches up from the
 * feed's buffer, instead of the service buffering for it without bound.
 */
final class SseConnection {

    static final long MIN_WRITE_INTERVAL_NANOS = 2_000_000;

    private final AlertFilter filter;
    private final HttpServerResponse response;
    private final Context context;
    private final Runnable tooSlow;
    private List<Buffer> pending = new ArrayList<>();
    private boolean flushScheduled;
    private volatile boolean closed;
    /** Only read and written on the connection's event loop. */
    private long lastWrite = System.nanoTime() - MIN_WRITE_INTERVAL_NANOS;

    SseConnection(
            AlertFilter filter, HttpServerResponse response, Context context, int maxUnsentBytes, Runnable tooSlow) {
        this.filter = filter;
        this.response = response;
        this.context = context;
        this.tooSlow = tooSlow;
        response.setWriteQueueMaxSize(maxUnsentBytes);
    }

    /** True when the event matched this client's filter and was queued for it. */
    boolean offer(FeedEvent event) {
        if (closed || !filter.matches(event.received().alert())) {
            return false;
        }
        synchronized (this) {
            pending.add(event.frame());
            if (flushScheduled) {
                return true;
            }
            flushScheduled = true;
        }
        context.runOnContext(ignored -> flushWhenDue());
        return true;
    }

    void closed() {
        closed = true;
    }

    private void flushWhenDue() {
        long wait = lastWrite + MIN_WRITE_INTERVAL_NANOS - System.nanoTime();
        if (wait <= 0) {
            flush();
        } else {
            context.owner().setTimer(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), ignored -> flush());
        }
    }

    private void flush() {
        List<Buffer> frames;
        synchronized (this) {
            frames = pending;
            pending = new ArrayList<>();
            flushScheduled = false;
        }
        if (closed) {
            return;
        }
        lastWrite = System.nanoTime();
        if (frames.size() == 1) {
            response.write(frames.get(0));
        } else {
            Buffer batch =
                    Buffer.buffer(frames.stream().mapToInt(Buffer::length).sum());
            frames.forEach(batch::appendBuffer);
            response.write(batch);
        }
        if (response.writeQueueFull()) {
            closed = true;
            tooSlow.run();
            response.reset();
        }
    }
}
