package io.streamsight.alert.backtest;

import io.streamsight.alert.rules.RuleStore;
import io.streamsight.service.auth.BearerTokenRequired;
import io.streamsight.service.auth.Caller;
import io.streamsight.service.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.time.Instant;

/**
 * Backtests of candidate rules over the {@code transactions} topic: submitted behind the bearer
 * token (202 with the job), then read with {@code GET} until its state is {@code succeeded} or
 * {@code failed}.
 */
@Path("/rules/backtest")
@Produces(MediaType.APPLICATION_JSON)
public class BacktestResource {

    private final Backtests backtests;
    private final RuleStore rules;

    public BacktestResource(Backtests backtests, RuleStore rules) {
        this.backtests = backtests;
        this.rules = rules;
    }

    @POST
    @BearerTokenRequired
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(String body, @Context SecurityContext caller) {
        BacktestRequest request = BacktestRequest.parse(body, Instant.now());
        if (!rules.isLoaded()) {
            throw new ProblemException(
                    503,
                    "rules-not-loaded",
                    "Rules not loaded yet",
                    "fraud_rules is still being read up to its end; retry shortly");
        }
        BacktestReport job = backtests.submit(request, Caller.of(caller));
        return Response.accepted(job)
                .location(URI.create("/rules/backtest/" + job.id()))
                .build();
    }

    @GET
    @Path("/{id}")
    public BacktestReport show(@PathParam("id") String id) {
        return backtests
                .find(id)
                .orElseThrow(() -> new ProblemException(
                        404,
                        "not-found",
                        "Not found",
                        "no backtest '" + id + "' (only the last " + Backtests.KEPT + " finished are kept)"));
    }
}
