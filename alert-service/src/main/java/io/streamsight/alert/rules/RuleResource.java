package io.streamsight.alert.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.rules.FraudRule;
import io.streamsight.events.rules.FraudRuleJson;
import io.streamsight.events.rules.InvalidRuleException;
import io.streamsight.service.auth.BearerTokenRequired;
import io.streamsight.service.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The analysts' fraud rules: list and show (open, like the dashboard), put, enable, disable and
 * delete (behind the bearer token). Every change is a record on {@code fraud_rules}, which the
 * fraud query follows while it runs; the answer comes once this service has read it back.
 */
@Path("/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RuleResource {

    private final RuleStore store;

    public RuleResource(RuleStore store) {
        this.store = store;
    }

    @GET
    public List<RuleView> list() {
        return loaded().list();
    }

    @GET
    @Path("/{id}")
    public RuleView show(@PathParam("id") String id) {
        return loaded().find(id).orElseThrow(() -> notFound(id));
    }

    /** Creates (201) or replaces (200) a rule; the body's rule_id may be left out, and must otherwise equal the path's. */
    @PUT
    @Path("/{id}")
    @BearerTokenRequired
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("id") String id, String body) {
        boolean existed = loaded().rule(id).isPresent();
        RuleView saved = store.put(parse(id, body));
        return existed
                ? Response.ok(saved).build()
                : Response.created(URI.create("/rules/" + id)).entity(saved).build();
    }

    @POST
    @Path("/{id}/disable")
    @BearerTokenRequired
    public RuleView disable(@PathParam("id") String id) {
        return store.put(existing(id).withEnabled(false));
    }

    @POST
    @Path("/{id}/enable")
    @BearerTokenRequired
    public RuleView enable(@PathParam("id") String id) {
        return store.put(existing(id).withEnabled(true));
    }

    /** A tombstone. For a rule of the rules file, disabling is the durable way: see docs/alert-service.md. */
    @DELETE
    @Path("/{id}")
    @BearerTokenRequired
    public Response delete(@PathParam("id") String id) {
        existing(id);
        store.delete(id);
        return Response.noContent().build();
    }

    private FraudRule existing(String id) {
        return loaded().rule(id).orElseThrow(() -> notFound(id));
    }

    private RuleStore loaded() {
        if (!store.isLoaded()) {
            throw new ProblemException(
                    503,
                    "rules-not-loaded",
                    "Rules not loaded yet",
                    "fraud_rules is still being read up to its end; retry shortly");
        }
        return store;
    }

    private static FraudRule parse(String id, String body) {
        try {
            JsonNode tree =
                    body == null || body.isBlank() ? null : EventJson.mapper().readTree(body);
            if (tree instanceof ObjectNode object) {
                JsonNode given = object.get("rule_id");
                if (given == null || given.isNull()) {
                    object.put("rule_id", id);
                } else if (!given.asText().equals(id)) {
                    throw new InvalidRuleException(
                            "rule_id", "'" + given.asText() + "' differs from the path's '" + id + "'");
                }
                return FraudRuleJson.read(EventJson.mapper().writeValueAsBytes(object));
            }
            // not an object (or empty): the rule reader says what is wrong with it
            return FraudRuleJson.read(body);
        } catch (InvalidRuleException e) {
            throw new ProblemException(400, "invalid-rule", "Invalid rule", e.getMessage());
        } catch (IOException e) {
            throw new ProblemException(
                    400,
                    "invalid-rule",
                    "Invalid rule",
                    "field '<document>': is not valid JSON: "
                            + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static ProblemException notFound(String id) {
        return new ProblemException(404, "not-found", "Not found", "no rule '" + id + "' in force");
    }
}
