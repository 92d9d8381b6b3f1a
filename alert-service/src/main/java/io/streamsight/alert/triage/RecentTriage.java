package io.streamsight.alert.triage;

import io.streamsight.service.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The most recently triaged alerts, newest first: what the dashboard shows beside its feed. */
@Path("/triage")
@Produces(MediaType.APPLICATION_JSON)
public class RecentTriage {

    private static final int DEFAULT_LIMIT = 1000;
    private static final int MAX_LIMIT = 10_000;

    private final TriageStore store;

    public RecentTriage(TriageStore store) {
        this.store = store;
    }

    @GET
    public List<AlertTriage> recent(@QueryParam("limit") String limit) {
        int n;
        try {
            n = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            n = -1;
        }
        if (n < 1 || n > MAX_LIMIT) {
            throw new ProblemException(
                    400,
                    "invalid-query",
                    "Invalid query",
                    "limit must be a whole number within 1.." + MAX_LIMIT,
                    "limit");
        }
        return store.loaded().recent(n);
    }
}
