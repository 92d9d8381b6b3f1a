package io.streamsight.generator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsight.events.MalformedEventException;
import io.streamsight.generator.scenario.InvalidScenarioException;
import io.streamsight.generator.service.TooManyScenariosException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every refused or failed request gets an RFC 9457 problem body, whatever raised it. */
public class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    private final ObjectMapper mapper;

    ProblemResponses(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerExceptionMapper
    public Response refused(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(path(uri)));
    }

    @ServerExceptionMapper
    public Response malformedEvent(MalformedEventException e, UriInfo uri) {
        return respond(
                new Problem("/problems/malformed-event", "Malformed event", 400, e.getMessage(), path(uri), e.field()));
    }

    @ServerExceptionMapper
    public Response invalidScenario(InvalidScenarioException e, UriInfo uri) {
        return respond(new Problem(
                "/problems/invalid-scenario", "Invalid scenario", 400, e.getMessage(), path(uri), e.field()));
    }

    @ServerExceptionMapper
    public Response tooManyScenarios(TooManyScenariosException e, UriInfo uri) {
        return respond(new Problem(
                "/problems/too-many-scenarios", "Too many running scenarios", 409, e.getMessage(), path(uri), null));
    }

    /** What Jakarta REST itself refuses (no such path, wrong method, unacceptable media type). */
    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(new Problem(
                "about:blank", status.getReasonPhrase(), status.getStatusCode(), e.getMessage(), path(uri), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.errorf(e, "request to %s failed", path(uri));
        return respond(new Problem(
                "about:blank", "Internal Server Error", 500, "the request failed unexpectedly: " + e, path(uri), null));
    }

    private Response respond(Problem problem) {
        try {
            return Response.status(problem.status())
                    .type(Problem.MEDIA_TYPE)
                    .entity(mapper.writeValueAsString(problem))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + problem, e);
        }
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
