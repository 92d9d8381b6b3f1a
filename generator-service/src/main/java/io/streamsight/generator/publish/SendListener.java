package io.streamsight.generator.publish;

import io.streamsight.events.Topic;

/** Told the outcome of every send, for metrics. Called on the producer's I/O thread: keep it cheap. */
public interface SendListener {

    SendListener NONE = new SendListener() {
        @Override
        public void sent(Topic topic, long latencyNanos) {}

        @Override
        public void failed(Topic topic, Exception error) {}
    };

    void sent(Topic topic, long latencyNanos);

    void failed(Topic topic, Exception error);
}
