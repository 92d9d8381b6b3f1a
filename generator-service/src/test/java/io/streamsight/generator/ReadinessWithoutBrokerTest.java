package io.streamsight.generator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Readiness follows the broker: pointed at an address where no broker listens, the service is not ready. */
@QuarkusTest
@TestProfile(ReadinessWithoutBrokerTest.NoBroker.class)
class ReadinessWithoutBrokerTest {

    @Test
    void withoutABrokerTheServiceIsNotReady() {
        given().when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
    }

    public static class NoBroker implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kafka.bootstrap.servers", "127.0.0.1:" + closedPort());
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        private static int closedPort() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
