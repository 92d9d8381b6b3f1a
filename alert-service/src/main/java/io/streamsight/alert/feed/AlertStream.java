package io.streamsight.alert.feed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsight.alert.AlertFilter;
import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.alert.metrics.AlertMetrics;
import io.streamsight.service.problem.Problem;
import io.streamsight.service.problem.ProblemException;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * {@code GET /alerts/stream}: matching alerts as they arrive, as Server-Sent Events named
 * {@code alert}. A client reconnecting with {@code Last-Event-ID} (browsers do so by themselves)
 * first gets what it missed; a new client may ask for the {@code replay} most recent alerts first.
 * <p>
 * Served by Vert.x directly rather than through JAX-RS: every alert's SSE frame is serialised
 * once and the same bytes are written to every client, where the JAX-RS SSE writer framed each
 * event again for each client, one write per event (see docs/benchmarks.md, alert-service).
 */
@ApplicationScoped
public class AlertStream {

    public static final String PATH = "/alerts/stream";
    private static final Logger LOG = Logger.getLogger(AlertStream.class);
    private static final int MAX_REPLAY = 10_000;

    private final AlertFeed feed;
    private final AlertMetrics metrics;
    private final ObjectMapper json;
    private final int maxUnsentBytes;

    public AlertStream(AlertFeed feed, AlertMetrics metrics, ObjectMapper json, AlertServiceConfig config) {
        this.feed = feed;
        this.metrics = metrics;
        this.json = json;
        this.maxUnsentBytes = config.feed().clientBufferBytes();
    }

    void route(@Observes Router router) {
        router.get(PATH).handler(this::open);
    }

    private void open(RoutingContext request) {
        AlertFilter filter;
        int replay;
        Optional<FeedPosition> since;
        try {
            Map<String, List<String>> query = query(request.queryParams());
            filter = AlertQuery.filter(query, Set.of("replay"));
            replay = AlertQuery.positiveInt(query, "replay", 0, MAX_REPLAY);
            since = Optional.ofNullable(request.request().getHeader("Last-Event-ID"))
                    .map(FeedPosition::parse);
        } catch (ProblemException e) {
            refuse(request, e.toProblem(PATH));
            return;
        }
        HttpServerResponse response = request.response()
                .setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        // A comment line sends the headers now: the client knows it is connected before the first alert.
        response.write(": connected\n\n");
        SseConnection connection =
                new SseConnection(filter, response, request.vertx().getOrCreateContext(), maxUnsentBytes, () -> {
                    metrics.slowSseClient();
                    LOG.warnf(
                            "Closing SSE client %s: more than %d bytes unread; it can resume with Last-Event-ID",
                            request.request().remoteAddress(), maxUnsentBytes);
                });
        response.closeHandler(ignored -> {
            connection.closed();
            feed.unsubscribe(connection);
        });
        feed.subscribe(connection, filter, since, replay);
    }

    private void refuse(RoutingContext request, Problem problem) {
        try {
            request.response()
                    .setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            request.fail(e);
        }
    }

    private static Map<String, List<String>> query(MultiMap parameters) {
        Map<String, List<String>> query = new HashMap<>();
        parameters.names().forEach(name -> query.put(name, parameters.getAll(name)));
        return query;
    }
}
