package io.streamsight.alert.backtest;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamsight.alert.config.KafkaConnection;
import io.streamsight.alert.rules.RuleStore;
import io.streamsight.alert.triage.TriageStore;
import io.streamsight.events.rules.FraudRule;
import io.streamsight.events.rules.RuleBook;
import io.streamsight.service.problem.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The backtests this replica runs, one at a time on a thread of their own so a long one never
 * takes a core from alert delivery twice over, with the last {@value #KEPT} finished ones kept
 * to be read. Each report is also written to {@code rule_backtests} ({@link BacktestReports}) on
 * every change, so any replica answers for any backtest; one whose replica stopped reporting is
 * shown as failed.
 */
@ApplicationScoped
public class Backtests {

    private static final Logger LOG = Logger.getLogger(Backtests.class);

    static final int KEPT = 20;
    static final int MAX_WAITING = 4;
    /** Several missed progress reports: the replica running the backtest is gone. */
    static final Duration SILENCE = Duration.ofSeconds(6L * Backtest.PROGRESS_SECONDS);

    private final KafkaConnection kafka;
    private final BacktestReports reports;
    private final RuleStore rules;
    private final TriageStore labels;
    private final MeterRegistry registry;
    private final Map<String, Backtest> jobs = new LinkedHashMap<>();
    private final ExecutorService runner = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "backtest");
        thread.setDaemon(true);
        return thread;
    });

    public Backtests(
            KafkaConnection kafka,
            BacktestReports reports,
            RuleStore rules,
            TriageStore labels,
            MeterRegistry registry) {
        this.kafka = kafka;
        this.reports = reports;
        this.rules = rules;
        this.labels = labels;
        this.registry = registry;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }

    /** Queues a backtest of {@code request} against the rules in force now. */
    public synchronized BacktestReport submit(BacktestRequest request, String requestedBy) {
        long waiting = jobs.values().stream().filter(job -> !job.finished()).count();
        if (waiting > MAX_WAITING) {
            throw new ProblemException(
                    429,
                    "too-many-backtests",
                    "Too many backtests",
                    waiting + " backtests are queued or running here; retry once one has finished");
        }
        RuleBook inForce = rules.book();
        Map<String, FraudRule> candidate = new LinkedHashMap<>();
        inForce.rules().forEach(rule -> candidate.put(rule.ruleId(), rule));
        // a backtest asks what a rule would flag live, whatever mode it is written in
        request.rules().forEach(rule -> candidate.put(rule.ruleId(), rule.withMode(FraudRule.Mode.LIVE)));
        Backtest job =
                new Backtest("bt-" + UUID.randomUUID(), request, requestedBy, inForce, RuleBook.of(candidate.values()));
        try {
            reports.publish(job.report());
        } catch (IllegalStateException e) {
            throw new ProblemException(
                    503,
                    "backtests-unavailable",
                    "Backtests unavailable",
                    "cannot record the backtest on rule_backtests: " + e.getMessage());
        }
        jobs.put(job.id(), job);
        forgetOldest();
        runner.execute(() -> {
            job.run(kafka, labels::fraud, this::publishUnfinished);
            publish(job);
            registry.counter(
                            "streamsight.backtests",
                            "outcome",
                            job.report().state().name().toLowerCase())
                    .increment();
        });
        return job.report();
    }

    /** This replica's own backtests as they stand now, else the latest report any replica wrote. */
    public synchronized Optional<BacktestReport> find(String id) {
        return Optional.ofNullable(jobs.get(id))
                .map(Backtest::report)
                .or(() -> reports.find(id).map(report -> report.seenAt(Instant.now(), SILENCE)));
    }

    /** Reports the queued ones too, so that other replicas can tell them from abandoned ones. */
    private void publishUnfinished() {
        List<Backtest> unfinished;
        synchronized (this) {
            unfinished = jobs.values().stream().filter(job -> !job.finished()).toList();
        }
        unfinished.forEach(this::publish);
    }

    /** A report another replica misses only shows an older state there; the backtest goes on. */
    private void publish(Backtest job) {
        try {
            reports.publish(job.report());
            if (job.finished()) {
                reports.forgetFinishedBeyond(KEPT);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Backtest %s: cannot write its report to rule_backtests: %s", job.id(), e.getMessage());
        }
    }

    private void forgetOldest() {
        long finished = jobs.values().stream().filter(Backtest::finished).count();
        Iterator<Backtest> it = jobs.values().iterator();
        while (finished > KEPT && it.hasNext()) {
            if (it.next().finished()) {
                it.remove();
                finished--;
            }
        }
    }
}
