package io.streamsight.alert.delivery;

import io.streamsight.alert.Alert;
import java.net.http.HttpRequest;

/** An HTTP endpoint alerts are pushed to, one request per alert. */
public interface Receiver {

    /** {@code webhook} or {@code alertmanager}: the metrics' receiver_type. */
    String type();

    /** Unique among receivers of its type (the subscription id for webhooks). */
    String name();

    /** Where requests go, for dead letters and logs. */
    String target();

    boolean accepts(Alert alert);

    /** The request for one attempt; built per attempt so signatures carry a fresh timestamp. */
    HttpRequest request(Alert alert, int attempt);
}
