package io.streamsight.localstack.broker;

/** A JVM that starts a broker and then waits to be killed, for the orphan-process test. */
public final class BrokerHolder {

    private BrokerHolder() {}

    public static void main(String[] args) throws InterruptedException {
        EmbeddedKafka kafka = EmbeddedKafka.start(0, java.nio.file.Path.of(args[0]));
        System.out.println("BROKER_PID " + kafka.pid());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
