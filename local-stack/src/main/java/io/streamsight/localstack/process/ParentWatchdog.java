package io.streamsight.localstack.process;

import java.io.IOException;
import java.io.InputStream;

/**
 * Ends a child process of the local stack when its parent is gone. The parent holds the write
 * end of the child's standard input, and the operating system closes it when the parent dies,
 * even by {@code kill -9}; so reaching the end of standard input means "stop now".
 *
 * <p>Used as a Java agent ({@code -javaagent:local-stack.jar}) for the services, which exit
 * through their shutdown hooks, and directly by the embedded broker.
 */
public final class ParentWatchdog {

    private ParentWatchdog() {}

    public static void premain(String args) {
        Thread watchdog = new Thread(
                () -> {
                    awaitEndOfInput(System.in);
                    System.err.println("[streamsight] the launcher is gone; shutting down");
                    System.exit(0);
                },
                "streamsight-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /** Blocks until {@code in} ends or breaks. */
    public static void awaitEndOfInput(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Input is ignored; only its end matters.
            }
        } catch (IOException e) {
            // A broken pipe means the same as its end: the parent is gone.
        }
    }
}
