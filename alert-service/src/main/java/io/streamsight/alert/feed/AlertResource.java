package io.streamsight.alert.feed;

import io.smallrye.mutiny.Multi;
import io.streamsight.alert.Alert;
import io.streamsight.alert.AlertFilter;
import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.alert.feed.AlertFeed.AlertCounts;
import io.streamsight.alert.feed.AlertFeed.FeedEvent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Recent alerts and the live alert stream (Server-Sent Events), both filterable. */
@Path("/alerts")
public class AlertResource {

    private static final int MAX_LIMIT = 10_000;

    private final AlertFeed feed;
    private final int defaultLimit;

    public AlertResource(AlertFeed feed, AlertServiceConfig config) {
        this.feed = feed;
        this.defaultLimit = config.feed().defaultLimit();
    }

    /** The most recent matching alerts, newest first. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<Alert> recent(@Context UriInfo uri) {
        AlertFilter filter = AlertQuery.filter(uri.getQueryParameters(), Set.of("limit"));
        return feed.recent(filter, AlertQuery.positiveInt(uri.getQueryParameters(), "limit", defaultLimit, MAX_LIMIT));
    }

    @GET
    @Path("/counts")
    @Produces(MediaType.APPLICATION_JSON)
    public AlertCounts counts() {
        return feed.counts();
    }

    /**
     * Matching alerts as they arrive, as SSE events named {@code alert}. A client reconnecting
     * with {@code Last-Event-ID} (browsers do so by themselves) first gets what it missed;
     * a new client may ask for the {@code replay} most recent alerts first.
     */
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(@Context UriInfo uri, @Context Sse sse,
            @HeaderParam("Last-Event-ID") String lastEventId) {
        AlertFilter filter = AlertQuery.filter(uri.getQueryParameters(), Set.of("replay"));
        int replay = AlertQuery.positiveInt(uri.getQueryParameters(), "replay", 0, MAX_LIMIT);
        Optional<FeedPosition> since = Optional.ofNullable(lastEventId).map(FeedPosition::parse);
        return feed.stream(filter, since, replay).map(event -> toSse(sse, event));
    }

    private static OutboundSseEvent toSse(Sse sse, FeedEvent event) {
        return sse.newEventBuilder().id(event.eventId()).name("alert").data(event.json()).build();
    }
}
