package io.streamsight.alert.triage;

import io.streamsight.alert.Alert;
import io.streamsight.alert.feed.AlertFeed;
import io.streamsight.events.FraudAlert;
import io.streamsight.service.auth.BearerTokenRequired;
import io.streamsight.service.auth.Caller;
import io.streamsight.service.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * Analysts' triage of alerts: read it (open, like the feed), change it behind the bearer token.
 * An alert can be triaged while it is in the feed's buffer or once it has been triaged before.
 */
@Produces(MediaType.APPLICATION_JSON)
@Path("/alerts/{id}/triage")
public class TriageResource {

    private final TriageStore store;
    private final AlertFeed feed;

    public TriageResource(TriageStore store, AlertFeed feed) {
        this.store = store;
        this.feed = feed;
    }

    @GET
    public AlertTriage show(@PathParam("id") String alertId) {
        return loaded().find(alertId)
                .or(() -> feed.find(alertId).map(alert -> AlertTriage.untouched(alertId, transactionOf(alert))))
                .orElseThrow(() -> notFound(alertId));
    }

    @PUT
    @BearerTokenRequired
    @Consumes(MediaType.APPLICATION_JSON)
    public AlertTriage change(@PathParam("id") String alertId, String body, @Context SecurityContext caller) {
        TriageChange change = TriageChange.parse(body);
        Optional<AlertTriage> known = loaded().find(alertId);
        Optional<Alert> inFeed = known.isPresent() ? Optional.empty() : feed.find(alertId);
        if (known.isEmpty() && inFeed.isEmpty()) {
            throw notFound(alertId);
        }
        String transactionId = known.isPresent() ? known.get().transactionId() : transactionOf(inFeed.orElseThrow());
        return store.change(alertId, transactionId, change, Caller.of(caller));
    }

    private TriageStore loaded() {
        return store.loaded();
    }

    private static String transactionOf(Alert alert) {
        return alert.details() instanceof FraudAlert fraud ? fraud.transactionId() : null;
    }

    private static ProblemException notFound(String alertId) {
        return new ProblemException(
                404, "not-found", "Not found", "no alert '" + alertId + "' in the feed's buffer or triaged before");
    }
}
