package io.streamsight.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamsight.localstack.tools.DebianTool;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Headless Chromium (Debian {@code chromium}) driven by {@code chromedriver} over the W3C
 * WebDriver protocol, spoken directly with the JDK's HTTP client: no Selenium jar whose
 * transitive dependencies would fight Quarkus' own.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Process driver;
    private final Path profile;
    private final URI base;
    private final String session;

    HeadlessChromium() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        profile = Files.createTempDirectory("chromium-profile");
        driver = new ProcessBuilder(DebianTool.CHROMEDRIVER.path(), "--port=" + port)
                .redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling(profile.getFileName() + "-driver.log")
                        .toFile())
                .start();
        base = URI.create("http://127.0.0.1:" + port);
        awaitDriver();
        ObjectNode options = JSON.createObjectNode();
        options.put("binary", DebianTool.CHROMIUM.path());
        options.putPOJO(
                "args",
                List.of(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--no-first-run",
                        "--disable-dev-shm-usage",
                        "--user-data-dir=" + profile));
        ObjectNode capabilities = JSON.createObjectNode();
        capabilities
                .putObject("capabilities")
                .putObject("alwaysMatch")
                .put("browserName", "chrome")
                .set("goog:chromeOptions", options);
        session = call("POST", "/session", capabilities).get("sessionId").asText();
    }

    void open(URI page) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("url", page.toString());
        call("POST", "/session/" + session + "/url", body);
    }

    /** Runs a script in the page and returns its result. */
    JsonNode evaluate(String script) throws Exception {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        body.putArray("args");
        return call("POST", "/session/" + session + "/execute/sync", body);
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body.toString()))
                .timeout(Duration.ofSeconds(60))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode value = JSON.readTree(response.body()).get("value");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + path + " failed: " + response.body());
        }
        return value;
    }

    private void awaitDriver() throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(base.resolve("/status"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("chromedriver did not start (apt-get install chromium chromium-driver)");
    }

    @Override
    public void close() throws Exception {
        try {
            call("DELETE", "/session/" + session, null);
        } finally {
            driver.destroy();
            driver.waitFor();
        }
    }
}
