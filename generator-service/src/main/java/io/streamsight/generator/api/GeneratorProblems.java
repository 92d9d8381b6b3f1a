package io.streamsight.generator.api;

import io.streamsight.events.MalformedEventException;
import io.streamsight.generator.scenario.InvalidScenarioException;
import io.streamsight.generator.service.TooManyScenariosException;
import io.streamsight.service.problem.Problem;
import io.streamsight.service.problem.ProblemException;
import io.streamsight.service.problem.ProblemResponses;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The generator's own kinds of problem (docs/generator.md); the shared ones are answered by the service toolkit. */
public class GeneratorProblems {

    public static ProblemException unknownScenario(String id) {
        return new ProblemException(
                404,
                "unknown-scenario",
                "Unknown scenario",
                "no scenario with id '" + id + "' (finished scenarios are listed until deleted)");
    }

    public static ProblemException bodyTooLarge(long size, int limit) {
        return new ProblemException(
                413,
                "body-too-large",
                "Request body too large",
                "the body has " + size + " bytes; at most " + limit + " are accepted");
    }

    @ServerExceptionMapper
    public Response malformedEvent(MalformedEventException e, UriInfo uri) {
        return Problem.of("malformed-event", "Malformed event", 400, e.getMessage(), path(uri), e.field())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response invalidScenario(InvalidScenarioException e, UriInfo uri) {
        return Problem.of("invalid-scenario", "Invalid scenario", 400, e.getMessage(), path(uri), e.field())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response tooManyScenarios(TooManyScenariosException e, UriInfo uri) {
        return Problem.of("too-many-scenarios", "Too many running scenarios", 409, e.getMessage(), path(uri), null)
                .toResponse();
    }

    private static String path(UriInfo uri) {
        return ProblemResponses.path(uri);
    }
}
