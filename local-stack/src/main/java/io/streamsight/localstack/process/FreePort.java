package io.streamsight.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** A TCP port nothing listens on, for a process or test server about to be started. */
public final class FreePort {

    private FreePort() {}

    /** A port free on every interface (so on loopback too), as the kernel hands out ephemeral ports. */
    public static int pick() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
