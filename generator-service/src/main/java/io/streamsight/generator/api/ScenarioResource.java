package io.streamsight.generator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamsight.events.EventJson;
import io.streamsight.events.MalformedEventException;
import io.streamsight.generator.scenario.InvalidScenarioException;
import io.streamsight.generator.scenario.ScenarioRun;
import io.streamsight.generator.service.GeneratorConfig;
import io.streamsight.generator.service.ScenarioRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/** Scenarios: start one, watch them, stop one. */
@Path("/scenarios")
@Produces(MediaType.APPLICATION_JSON)
public class ScenarioResource {

    private final ScenarioRegistry scenarios;
    private final GeneratorConfig config;
    private final RequestBodies bodies;

    ScenarioResource(ScenarioRegistry scenarios, GeneratorConfig config, RequestBodies bodies) {
        this.scenarios = scenarios;
        this.config = config;
        this.bodies = bodies;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response start(byte[] body, @Context UriInfo uri) {
        ScenarioRequest request = parse(bodies.checked(body));
        ScenarioRun run = scenarios.start(request.toSpec(config.limits()));
        return Response.created(uri.getAbsolutePathBuilder().path(run.id()).build())
                .entity(ScenarioView.of(run))
                .build();
    }

    @GET
    public List<ScenarioView> list() {
        return scenarios.all().stream()
                .map(ScenarioView::of)
                .sorted(Comparator.comparing(ScenarioView::startedAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
    }

    @GET
    @Path("/{id}")
    public ScenarioView get(@PathParam("id") String id) {
        return scenarios.find(id).map(ScenarioView::of).orElseThrow(() -> GeneratorProblems.unknownScenario(id));
    }

    /** Stops the scenario (waiting for its records' acknowledgements) and forgets it; answers its final state. */
    @DELETE
    @Path("/{id}")
    public ScenarioView delete(@PathParam("id") String id) {
        return scenarios.delete(id).map(ScenarioView::of).orElseThrow(() -> GeneratorProblems.unknownScenario(id));
    }

    /** The contract codec names the field of a type error; unknown fields are refused too, as they are likely typos. */
    private static ScenarioRequest parse(byte[] body) {
        ScenarioRequest request;
        JsonNode tree;
        try {
            request = EventJson.read(body, ScenarioRequest.class);
            tree = EventJson.mapper().readTree(body);
        } catch (MalformedEventException e) {
            throw new InvalidScenarioException(e.field(), e.problem());
        } catch (IOException e) {
            throw new InvalidScenarioException("<document>", "cannot be read: " + e.getMessage());
        }
        for (Iterator<String> names = tree.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!ScenarioRequest.FIELDS.contains(name)) {
                throw new InvalidScenarioException(
                        name,
                        "is not a scenario field; known fields: "
                                + ScenarioRequest.FIELDS.stream().sorted().toList());
            }
        }
        return request;
    }
}
