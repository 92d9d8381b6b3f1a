package io.streamsight.alert.subscription;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.streamsight.alert.AlertFilter;
import io.streamsight.events.EventJson;
import io.streamsight.service.auth.BearerTokenRequired;
import io.streamsight.service.problem.ProblemException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** Webhook subscriptions: create, list, show, delete; behind the bearer token. */
@Path("/subscriptions")
@BearerTokenRequired
@Produces(MediaType.APPLICATION_JSON)
public class SubscriptionResource {

    private static final int MIN_SECRET_LENGTH = 16;
    /** Unlike the tolerant event reader, a request with an unknown field is refused: it is likely a typo. */
    private static final ObjectMapper STRICT = EventJson.configure(
                    JsonMapper.builder().build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionStore store;
    private final WebhookUrlPolicy urls;

    public SubscriptionResource(SubscriptionStore store, WebhookUrlPolicy urls) {
        this.store = store;
        this.urls = urls;
    }

    /** Creates a subscription; the response is the only place its signing secret is shown. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(String body) {
        SubscriptionRequest request = parse(body);
        URI url = urls.check(request.url());
        String secret = request.secret() == null ? generatedSecret() : request.secret();
        if (secret.length() < MIN_SECRET_LENGTH) {
            throw ProblemException.badRequest("secret must have at least " + MIN_SECRET_LENGTH + " characters");
        }
        AlertFilter filter = request.filter() == null ? AlertFilter.ALL : request.filter();
        Subscription created = store.save(
                new Subscription(UUID.randomUUID().toString(), url.toString(), filter, secret, Instant.now()));
        return Response.created(URI.create("/subscriptions/" + created.subscriptionId()))
                .entity(created)
                .build();
    }

    @GET
    public List<Subscription.Listed> list() {
        return store.list();
    }

    @GET
    @Path("/{id}")
    public Subscription.Listed show(@PathParam("id") String id) {
        return store.find(id)
                .map(Subscription::listed)
                .orElseThrow(() -> new ProblemException(404, "not-found", "Not found", "no subscription '" + id + "'"));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") String id) {
        store.delete(id);
        return Response.noContent().build();
    }

    private static SubscriptionRequest parse(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.badRequest("a JSON body with at least 'url' is required");
        }
        try {
            return STRICT.readValue(body, SubscriptionRequest.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ProblemException(
                    400,
                    "unknown-field",
                    "Unknown field",
                    "'" + e.getPropertyName() + "' is not a field of a subscription or its filter; known: "
                            + e.getKnownPropertyIds());
        } catch (IOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw ProblemException.badRequest("the body is not a valid subscription: " + firstLine(cause.getMessage()));
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    private static String generatedSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
