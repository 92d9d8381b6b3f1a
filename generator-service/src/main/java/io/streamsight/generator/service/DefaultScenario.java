package io.streamsight.generator.service;

import io.quarkus.runtime.StartupEvent;
import io.streamsight.generator.api.ScenarioRequest;
import io.streamsight.generator.scenario.ScenarioRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Starts the configured default scenario at boot ({@code generator.default-scenario.*}); off in tests. */
@ApplicationScoped
public class DefaultScenario {

    private static final Logger LOG = Logger.getLogger(DefaultScenario.class);

    void start(@Observes StartupEvent startup, GeneratorConfig config, ScenarioRegistry scenarios) {
        GeneratorConfig.DefaultScenario settings = config.defaultScenario();
        if (!settings.enabled()) {
            return;
        }
        ScenarioRequest request = new ScenarioRequest(
                settings.eventTypes(),
                settings.ratePerSecond(),
                null,
                null,
                settings.fraudRatio(),
                null,
                settings.seed().orElse(null),
                null,
                null);
        ScenarioRun run = scenarios.start(request.toSpec(config.limits()));
        LOG.infof(
                "default scenario %s started (seed %d); stop it with DELETE /scenarios/%s",
                run.id(), run.spec().seed(), run.id());
    }
}
