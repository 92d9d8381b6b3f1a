package io.streamsight.alert;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP webhook receiver on loopback. It answers each request with the status its
 * {@code answer} gives and records every request. The signature check is written from the
 * documented contract (HMAC-SHA256 over "timestamp.body"), independently of the service's code.
 */
final class WebhookReceiverServer implements AutoCloseable {

    record Request(String timestamp, String signature, String idempotencyKey, String body, int answeredWith) {}

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile IntSupplier answer = () -> 200;

    WebhookReceiverServer() throws IOException {
        this(0);
    }

    /** On a given port, for a receiver that comes up where a subscription already points. */
    WebhookReceiverServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/hook", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    void answerWith(IntSupplier answer) {
        this.answer = answer;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests answered 2xx: what the receiver accepted. */
    List<Request> accepted() {
        return requests.stream().filter(r -> r.answeredWith() / 100 == 2).toList();
    }

    static boolean signatureValid(String secret, String timestamp, String body, String signature) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "v1="
                + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return java.security.MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int status = answer.getAsInt();
        requests.add(new Request(
                exchange.getRequestHeaders().getFirst("X-StreamSight-Timestamp"),
                exchange.getRequestHeaders().getFirst("X-StreamSight-Signature"),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                body,
                status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
