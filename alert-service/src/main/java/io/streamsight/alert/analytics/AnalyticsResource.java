package io.streamsight.alert.analytics;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Per-location transaction analytics for the dashboard: current windows and live updates. */
@Path("/analytics")
public class AnalyticsResource {

    private final LocationAnalytics analytics;

    public AnalyticsResource(LocationAnalytics analytics) {
        this.analytics = analytics;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public List<LocationWindow> windows() {
        return analytics.current();
    }

    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<LocationWindow> stream() {
        return analytics.updates();
    }
}
