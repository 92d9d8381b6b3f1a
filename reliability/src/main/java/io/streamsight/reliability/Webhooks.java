package io.streamsight.reliability;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.streamsight.localstack.stack.StackRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.Executors;

/** A scenario's webhook receivers: served on loopback, subscribed through alert-service's API as a user would. */
final class Webhooks {

    private Webhooks() {}

    /** Subscribes {@code http://127.0.0.1:<port>/hook} to the alerts whose {@code field} is one of {@code values}. */
    static void subscribe(HttpClient http, StackRun stack, int port, String field, List<String> values)
            throws Exception {
        String body = "{\"url\":\"http://127.0.0.1:" + port + "/hook\",\"filter\":{\"" + field + "\":[\""
                + String.join("\",\"", values) + "\"]}}";
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(stack.alertService("/subscriptions"))
                        .header("Authorization", "Bearer " + stack.subscriptionToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("subscription refused: " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * A receiver on {@code port} (0: any) answering {@code /hook}, on eight daemon threads so that
     * it never keeps the scenario's JVM alive once the report is written.
     */
    static HttpServer receiver(int port, HttpHandler hook) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/hook", hook);
        server.setExecutor(Executors.newFixedThreadPool(8, task -> {
            Thread thread = new Thread(task, "webhook-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return server;
    }
}
