package io.streamsight.alert.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamsight.alert.ReceivedAlert;
import io.streamsight.alert.config.AlertServiceConfig;
import io.streamsight.alert.metrics.AlertMetrics;
import io.streamsight.alert.subscription.Subscription;
import io.streamsight.alert.subscription.SubscriptionRemoved;
import io.streamsight.alert.subscription.SubscriptionStore;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Hands each alert to every receiver that wants it (matching webhook subscriptions and, if
 * configured, Alertmanager), each through its own {@link DeliveryQueue}, and reports when all
 * of them are done with it, so the Kafka offset is committed only then.
 */
@ApplicationScoped
public class FanOut {

    private static final Logger LOG = Logger.getLogger(FanOut.class);

    private final SubscriptionStore subscriptions;
    private final Optional<DeliveryQueue> alertmanager;
    private final Map<String, DeliveryQueue> webhooks = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "delivery-retries");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient http;
    private final ObjectMapper json;
    private final AlertServiceConfig config;
    private final AlertMetrics metrics;
    private final DeadLetters deadLetters;
    private final RetryPolicy retry;

    public FanOut(
            SubscriptionStore subscriptions,
            AlertmanagerReceiver alertmanagerReceiver,
            ObjectMapper json,
            AlertServiceConfig config,
            AlertMetrics metrics,
            DeadLetters deadLetters) {
        this.subscriptions = subscriptions;
        this.json = json;
        this.config = config;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.retry = RetryPolicy.of(config);
        // Redirects are not followed: a receiver must not bounce requests to an address the URL check refused.
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.webhooks().requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.alertmanager = alertmanagerReceiver.configured().map(this::queue);
        if (ForkJoinPool.getCommonPoolParallelism() < 2) {
            LOG.warnf(
                    "The common pool has a parallelism of %d, so the JDK HTTP client starts a thread for every "
                            + "webhook response; start the JVM with -Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
                    ForkJoinPool.getCommonPoolParallelism());
        }
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    /** Queues the alert for every interested receiver; {@code settled} runs when none has it pending. */
    public void dispatch(ReceivedAlert alert, Runnable settled) {
        List<DeliveryQueue> targets = new ArrayList<>();
        for (Subscription subscription : subscriptions.all()) {
            if (subscription.filter().matches(alert.alert())) {
                targets.add(webhooks.computeIfAbsent(
                        subscription.subscriptionId(),
                        id -> queue(new WebhookReceiver(
                                subscription, json, config.webhooks().requestTimeout()))));
            }
        }
        alertmanager.filter(q -> q.receiver().accepts(alert.alert())).ifPresent(targets::add);
        if (targets.isEmpty()) {
            settled.run();
            return;
        }
        AtomicInteger pending = new AtomicInteger(targets.size());
        Runnable oneDone = () -> {
            if (pending.decrementAndGet() == 0) {
                settled.run();
            }
        };
        targets.forEach(queue -> queue.enqueue(alert, oneDone));
    }

    void subscriptionRemoved(@Observes SubscriptionRemoved removed) {
        DeliveryQueue queue = webhooks.remove(removed.subscriptionId());
        if (queue != null) {
            queue.close();
        }
    }

    private DeliveryQueue queue(Receiver receiver) {
        return new DeliveryQueue(receiver, config.webhooks().lanes(), http, scheduler, retry, metrics, deadLetters);
    }
}
