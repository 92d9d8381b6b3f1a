package io.streamsight.alert.feed;

import io.streamsight.alert.Alert;
import io.streamsight.alert.AlertFilter;
import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.alert.feed.AlertFeed.AlertCounts;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;

/** Recent alerts, filterable, and their counts; the live stream is {@link AlertStream}. */
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
}
