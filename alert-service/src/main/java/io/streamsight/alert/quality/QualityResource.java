package io.streamsight.alert.quality;

import io.streamsight.service.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The latest detection-quality snapshot, for the dashboard and for checks against the topics. */
@Path("/quality")
public class QualityResource {

    private final DetectionQuality quality;

    public QualityResource(DetectionQuality quality) {
        this.quality = quality;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public QualitySnapshot snapshot() {
        return quality.current()
                .orElseThrow(() -> new ProblemException(
                        503,
                        "quality-not-ready",
                        "Not ready",
                        "fraud_alerts and fraud_ground_truth are still being read up to their end"));
    }
}
