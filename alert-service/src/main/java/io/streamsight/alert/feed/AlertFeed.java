package io.streamsight.alert.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsight.alert.Alert;
import io.streamsight.alert.AlertFilter;
import io.streamsight.alert.ReceivedAlert;
import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.alert.metrics.AlertMetrics;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live alert feed: a bounded buffer of the most recent alerts (for {@code GET /alerts} and
 * for catching up) and the connected stream clients. Registering a client and replaying its
 * backlog happen under the same lock as publishing, so a client sees every alert once, with no
 * gap between the backlog and the live part.
 */
@ApplicationScoped
public class AlertFeed {

    /** An alert in the feed with the SSE id a client resumes from, framed as an SSE event once for all clients. */
    public record FeedEvent(ReceivedAlert received, String eventId, Buffer frame) {}

    /** Alerts seen since startup (restored ones included), by type and by severity. */
    public record AlertCounts(Map<String, Long> byType, Map<String, Long> bySeverity, long total) {}

    private final int capacity;
    private final AlertMetrics metrics;
    private final Deque<FeedEvent> recent = new ArrayDeque<>();
    private final List<SseConnection> clients = new CopyOnWriteArrayList<>();
    private final Map<String, Long> countsByType = new TreeMap<>();
    private final Map<String, Long> countsBySeverity = new TreeMap<>();
    private long total;
    private FeedPosition head = FeedPosition.start();

    private final ObjectMapper mapper;

    public AlertFeed(AlertServiceConfig config, AlertMetrics metrics, ObjectMapper mapper) {
        this.capacity = config.feed().capacity();
        this.metrics = metrics;
        this.mapper = mapper;
        metrics.sseClients(clients::size);
    }

    public synchronized void publish(ReceivedAlert received) {
        head = head.after(received.source());
        FeedEvent event = event(received, head.eventId());
        count(received.alert());
        append(event);
        int delivered = 0;
        for (SseConnection client : clients) {
            delivered += client.offer(event) ? 1 : 0;
        }
        // Once per alert, not per client: a thousand clients must not mean a thousand histogram updates.
        if (delivered > 0) {
            metrics.delivered("sse", "sse", received, delivered);
        }
    }

    /**
     * Puts alerts re-read from Kafka on startup back into the buffer, in arrival order, with
     * event ids that start where the re-read started.
     */
    public synchronized void restore(List<ReceivedAlert> alerts) {
        if (alerts.isEmpty()) {
            return;
        }
        List<ReceivedAlert> ordered = new ArrayList<>(alerts);
        ordered.sort(Comparator.comparing(ReceivedAlert::arrivedAt));
        Map<String, Long> firstOffsets = new HashMap<>();
        for (ReceivedAlert alert : ordered) {
            firstOffsets.merge(alert.source().partitionName(), alert.source().offset(), Math::min);
        }
        FeedPosition position = FeedPosition.parse(firstOffsets.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .reduce((a, b) -> a + "," + b)
                .orElse(""));
        List<FeedEvent> merged = new ArrayList<>(recent);
        for (ReceivedAlert alert : ordered) {
            position = position.after(alert.source());
            head = head.after(alert.source());
            count(alert.alert());
            merged.add(event(alert, position.eventId()));
        }
        merged.sort(Comparator.comparing(e -> e.received().arrivedAt()));
        recent.clear();
        merged.forEach(this::append);
    }

    /** The most recent matching alerts, newest first. */
    public synchronized List<Alert> recent(AlertFilter filter, int limit) {
        List<Alert> result = new ArrayList<>();
        Iterator<FeedEvent> newestFirst = recent.descendingIterator();
        while (newestFirst.hasNext() && result.size() < limit) {
            Alert alert = newestFirst.next().received().alert();
            if (filter.matches(alert)) {
                result.add(alert);
            }
        }
        return result;
    }

    /** The alert of this id if it is still in the buffer. */
    public synchronized Optional<Alert> find(String alertId) {
        Iterator<FeedEvent> newestFirst = recent.descendingIterator();
        while (newestFirst.hasNext()) {
            Alert alert = newestFirst.next().received().alert();
            if (alert.alertId().equals(alertId)) {
                return Optional.of(alert);
            }
        }
        return Optional.empty();
    }

    public synchronized AlertCounts counts() {
        return new AlertCounts(Map.copyOf(countsByType), Map.copyOf(countsBySeverity), total);
    }

    /**
     * Connects a stream client: first the alerts a client at {@code since} has not seen (or, for a
     * new client, the {@code replay} most recent matching ones), then every new matching one.
     */
    synchronized void subscribe(SseConnection client, AlertFilter filter, Optional<FeedPosition> since, int replay) {
        backlog(filter, since, replay).forEach(client::offer);
        clients.add(client);
    }

    void unsubscribe(SseConnection client) {
        clients.remove(client);
    }

    private List<FeedEvent> backlog(AlertFilter filter, Optional<FeedPosition> since, int replay) {
        if (since.isPresent()) {
            return recent.stream()
                    .filter(e -> since.get().hasNotSeen(e.received().source()))
                    .toList();
        }
        List<FeedEvent> newestFirst = new ArrayList<>();
        Iterator<FeedEvent> it = recent.descendingIterator();
        while (it.hasNext() && newestFirst.size() < replay) {
            FeedEvent event = it.next();
            if (filter.matches(event.received().alert())) {
                newestFirst.add(event);
            }
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private FeedEvent event(ReceivedAlert received, String eventId) {
        try {
            byte[] json = mapper.writeValueAsBytes(received.alert());
            Buffer frame = Buffer.buffer(json.length + eventId.length() + 32)
                    .appendString("id: ")
                    .appendString(eventId)
                    .appendString("\nevent: alert\ndata: ")
                    .appendBytes(json)
                    .appendString("\n\n");
            return new FeedEvent(received, eventId, frame);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void count(Alert alert) {
        countsByType.merge(alert.alertType(), 1L, Long::sum);
        countsBySeverity.merge(alert.severity().wireName(), 1L, Long::sum);
        total++;
    }

    private void append(FeedEvent event) {
        recent.addLast(event);
        while (recent.size() > capacity) {
            recent.removeFirst();
        }
    }
}
