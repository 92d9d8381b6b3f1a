package io.streamsight.alert.feed;

import io.streamsight.alert.ReceivedAlert.SourceOffset;
import io.streamsight.service.problem.ProblemException;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How far a feed client has read: for every alert partition, the next offset it has not seen.
 * It is the SSE event id ({@code fraud_alerts-0:12,sensor_alerts-1:3}). Because it names Kafka
 * offsets rather than a counter of this process, a client reconnecting with it as
 * {@code Last-Event-ID} gets exactly what it missed, even across a restart of the service
 * (the recent-alert buffer is re-read from Kafka on startup).
 */
public final class FeedPosition {

    private final TreeMap<String, Long> nextOffsets;

    private FeedPosition(TreeMap<String, Long> nextOffsets) {
        this.nextOffsets = nextOffsets;
    }

    public static FeedPosition start() {
        return new FeedPosition(new TreeMap<>());
    }

    public static FeedPosition parse(String eventId) {
        TreeMap<String, Long> offsets = new TreeMap<>();
        if (eventId.isBlank()) {
            return new FeedPosition(offsets);
        }
        for (String part : eventId.split(",")) {
            int colon = part.lastIndexOf(':');
            if (colon <= 0) {
                throw malformed(eventId);
            }
            long offset;
            try {
                offset = Long.parseLong(part.substring(colon + 1).trim());
            } catch (NumberFormatException e) {
                throw malformed(eventId);
            }
            if (offset < 0) {
                throw malformed(eventId);
            }
            offsets.put(part.substring(0, colon).trim(), offset);
        }
        return new FeedPosition(offsets);
    }

    /** The position just past {@code source}. */
    public FeedPosition after(SourceOffset source) {
        TreeMap<String, Long> next = new TreeMap<>(nextOffsets);
        next.merge(source.partitionName(), source.offset() + 1, Math::max);
        return new FeedPosition(next);
    }

    /** Whether a client at this position has not yet seen the alert read from {@code source}. */
    public boolean hasNotSeen(SourceOffset source) {
        return source.offset() >= nextOffsets.getOrDefault(source.partitionName(), 0L);
    }

    public String eventId() {
        return nextOffsets.entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(","));
    }

    private static ProblemException malformed(String eventId) {
        return ProblemException.badRequest("Last-Event-ID '" + eventId
                + "' is not an event id of this feed (expected <topic>-<partition>:<offset>,...)");
    }
}
