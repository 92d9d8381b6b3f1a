package io.streamsight.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamsight.helm.StreamSightChart.Profile;
import org.junit.jupiter.api.Test;

/** NOTES.txt tells the user how to reach the dashboard, the metrics and the Spark UI. */
class NotesTest {

    @Test
    void printsPortForwardCommandsForTheDashboardAndMetrics() {
        String notes = StreamSightChart.installNotes(Profile.DEFAULTS);

        assertThat(notes)
                .contains("kubectl -n streamsight port-forward svc/demo-streamsight-alert-service 8082:8080")
                .contains("kubectl -n streamsight port-forward svc/demo-streamsight-generator-service 8081:8080")
                .contains("port-forward pod/demo-streamsight-spark-fraud-driver 4040:4040")
                .contains("/metrics/prometheus", "/q/metrics")
                .contains("helm test demo -n streamsight")
                .doesNotContain("kafka-ui", "Grafana");
    }

    @Test
    void mentionsGrafanaAndKafkaUiWhenEnabled() {
        String notes = StreamSightChart.installNotes(Profile.EVERYTHING_ON);

        assertThat(notes)
                .contains("port-forward svc/demo-streamsight-kafka-ui 8080:8080", "read-only")
                .contains("grafana_dashboard=1", "port-forward svc/kube-prometheus-stack-grafana 3000:80");
    }
}
