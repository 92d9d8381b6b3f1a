package io.streamsight.reliability;

import io.streamsight.localstack.stack.StackRun;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/** A scenario's webhook receivers subscribe through alert-service's API, as a user would. */
final class WebhookSubscriptions {

    private WebhookSubscriptions() {}

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
}
