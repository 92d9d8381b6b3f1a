package io.streamsight.alert.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.rules.FraudRule;
import io.streamsight.events.rules.FraudRuleJson;
import io.streamsight.events.rules.InvalidRuleException;
import io.streamsight.events.rules.RuleChange;
import io.streamsight.service.auth.BearerTokenRequired;
import io.streamsight.service.auth.Caller;
import io.streamsight.service.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The analysts' fraud rules: list, show and history (open, like the dashboard), put, enable,
 * disable, delete and roll back (behind the bearer token, whose identity is recorded as the
 * change's author). Every change is a record on {@code fraud_rules}, which the fraud query follows
 * while it runs, and one on {@code fraud_rules_audit}; the answer comes once this service has
 * read both back.
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
    public Response put(@PathParam("id") String id, String body, @Context SecurityContext caller) {
        boolean existed = loaded().rule(id).isPresent();
        RuleView saved = store.put(parse(id, body), RuleChange.Action.PUT, Caller.of(caller), null);
        return existed
                ? Response.ok(saved).build()
                : Response.created(URI.create("/rules/" + id)).entity(saved).build();
    }

    @POST
    @Path("/{id}/disable")
    @BearerTokenRequired
    public RuleView disable(@PathParam("id") String id, @Context SecurityContext caller) {
        return store.put(existing(id).withEnabled(false), RuleChange.Action.DISABLE, Caller.of(caller), null);
    }

    @POST
    @Path("/{id}/enable")
    @BearerTokenRequired
    public RuleView enable(@PathParam("id") String id, @Context SecurityContext caller) {
        return store.put(existing(id).withEnabled(true), RuleChange.Action.ENABLE, Caller.of(caller), null);
    }

    /** Makes a shadow rule live: from its next evaluation on, its matches are alerts. */
    @POST
    @Path("/{id}/promote")
    @BearerTokenRequired
    public RuleView promote(@PathParam("id") String id, @Context SecurityContext caller) {
        FraudRule rule = existing(id);
        if (rule.mode() != FraudRule.Mode.SHADOW) {
            throw new ProblemException(
                    409, "not-shadow", "Not a shadow rule", "rule '" + id + "' is already live", "mode");
        }
        return store.put(rule.withMode(FraudRule.Mode.LIVE), RuleChange.Action.PROMOTE, Caller.of(caller), null);
    }

    /** A tombstone. For a rule of the rules file, disabling is the durable way: see docs/alert-service.md. */
    @DELETE
    @Path("/{id}")
    @BearerTokenRequired
    public Response delete(@PathParam("id") String id, @Context SecurityContext caller) {
        existing(id);
        store.delete(id, RuleChange.Action.DELETE, Caller.of(caller), null);
        return Response.noContent().build();
    }

    /** Every recorded change of a rule, oldest first, numbered by the version it made (open, like the list). */
    @GET
    @Path("/{id}/history")
    public RuleHistoryView history(@PathParam("id") String id) {
        List<RuleChange> changes = loaded().history(id);
        if (changes.isEmpty() && store.rule(id).isEmpty()) {
            throw notFound(id);
        }
        return RuleHistoryView.of(id, changes);
    }

    /**
     * Puts back the rule as version {@code version} of its history left it (version 0: before its
     * first recorded change), or deletes it if it did not exist then; recorded as a change itself.
     */
    @POST
    @Path("/{id}/rollback")
    @BearerTokenRequired
    @Consumes(MediaType.APPLICATION_JSON)
    public Response rollback(@PathParam("id") String id, String body, @Context SecurityContext caller) {
        int version = requestedVersion(body);
        Optional<ObjectNode> target;
        try {
            target = loaded().version(id, version);
        } catch (IndexOutOfBoundsException e) {
            throw new ProblemException(404, "not-found", "Not found", e.getMessage(), "version");
        }
        if (target.isEmpty()) {
            if (store.rule(id).isPresent()) {
                store.delete(id, RuleChange.Action.ROLLBACK, Caller.of(caller), version);
            }
            return Response.noContent().build();
        }
        // the format may have tightened since that version was written: validated like any put
        FraudRule restored = parse(id, target.get().deepCopy().toString());
        return Response.ok(store.put(restored, RuleChange.Action.ROLLBACK, Caller.of(caller), version))
                .build();
    }

    private static int requestedVersion(String body) {
        try {
            JsonNode version = body == null || body.isBlank()
                    ? null
                    : EventJson.mapper().readTree(body).get("version");
            if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
                throw new ProblemException(
                        400,
                        "invalid-request",
                        "Invalid request",
                        "field 'version': a whole number is required",
                        "version");
            }
            return version.intValue();
        } catch (IOException e) {
            throw new ProblemException(400, "invalid-request", "Invalid request", "the body is not valid JSON");
        }
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
