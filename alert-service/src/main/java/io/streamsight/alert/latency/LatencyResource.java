package io.streamsight.alert.latency;

import io.streamsight.alert.latency.DetectionLatency.StageLatency;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** {@code GET /latency}: detection latency per stage over the last minutes, for the dashboard and people. */
@Path("/latency")
public class LatencyResource {

    /** The window the percentiles and max cover, and one entry per stage seen since start. */
    public record LatencyView(String window, List<StageLatency> stages) {}

    private final DetectionLatency latency;

    public LatencyResource(DetectionLatency latency) {
        this.latency = latency;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public LatencyView latency() {
        return new LatencyView(DetectionLatency.WINDOW.toString(), latency.snapshot());
    }
}
