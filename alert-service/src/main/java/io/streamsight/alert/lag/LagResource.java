package io.streamsight.alert.lag;

import io.streamsight.alert.lag.LagSnapshot.GroupLag;
import io.streamsight.service.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The latest consumer-lag snapshot, for the dashboard and for scripts. */
@Path("/lag")
@Produces(MediaType.APPLICATION_JSON)
public class LagResource {

    private final LagExporter exporter;

    public LagResource(LagExporter exporter) {
        this.exporter = exporter;
    }

    /** Every tracked group with its status and lags; {@code polled_at} is null before the first poll. */
    @GET
    public LagSnapshot snapshot() {
        return exporter.latest();
    }

    @GET
    @Path("/{group}")
    public GroupLag group(@PathParam("group") String group) {
        return exporter.latest().groups().stream()
                .filter(g -> g.group().equals(group))
                .findFirst()
                .orElseThrow(() -> ProblemException.notFound(
                        "consumer group '" + group + "' is not tracked (unknown, excluded, or expired)"));
    }
}
