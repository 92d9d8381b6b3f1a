package io.streamsight.generator.service;

import io.quarkus.runtime.ShutdownEvent;
import io.streamsight.generator.metrics.GeneratorMetrics;
import io.streamsight.generator.publish.EventPublisher;
import io.streamsight.generator.scenario.ScenarioRun;
import io.streamsight.generator.scenario.ScenarioSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** The scenarios of this service instance, each running on its own thread. */
@ApplicationScoped
public class ScenarioRegistry {

    private static final Logger LOG = Logger.getLogger(ScenarioRegistry.class);
    private static final long STOP_WAIT_SECONDS = 30;

    private final EventPublisher publisher;
    private final GeneratorMetrics metrics;
    private final GeneratorConfig config;
    private final Map<String, Running> scenarios = new ConcurrentHashMap<>();

    ScenarioRegistry(EventPublisher publisher, GeneratorMetrics metrics, GeneratorConfig config) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.config = config;
    }

    /** Starts a validated scenario; fails with {@link TooManyScenariosException} before starting anything. */
    public synchronized ScenarioRun start(ScenarioSpec spec) {
        long running = scenarios.values().stream()
                .filter(r -> !r.run.status().state().isFinished())
                .count();
        if (running >= config.limits().maxRunningScenarios()) {
            throw new TooManyScenariosException(config.limits().maxRunningScenarios());
        }
        ScenarioRun run = new ScenarioRun(UUID.randomUUID().toString(), spec, publisher);
        Thread thread = new Thread(run::run, "scenario-" + run.id().substring(0, 8));
        thread.setDaemon(true);
        scenarios.put(run.id(), new Running(run, thread));
        metrics.watch(run);
        thread.start();
        return run;
    }

    public Collection<ScenarioRun> all() {
        return scenarios.values().stream().map(Running::run).toList();
    }

    public Optional<ScenarioRun> find(String id) {
        return Optional.ofNullable(scenarios.get(id)).map(Running::run);
    }

    /** Stops the scenario, waits for its records to be acknowledged and forgets it; empty if unknown. */
    public Optional<ScenarioRun> delete(String id) {
        Running running = scenarios.remove(id);
        if (running == null) {
            return Optional.empty();
        }
        stop(running);
        metrics.forget(running.run);
        return Optional.of(running.run);
    }

    void stopAll(@Observes ShutdownEvent shutdown) {
        scenarios.values().forEach(r -> r.run.stop());
        scenarios.values().forEach(this::stop);
    }

    private void stop(Running running) {
        running.run.stop();
        try {
            running.thread.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (running.thread.isAlive()) {
            LOG.warnf("scenario %s still awaits acknowledgements after %d s", running.run.id(), STOP_WAIT_SECONDS);
        }
    }

    private record Running(ScenarioRun run, Thread thread) {}
}
