package io.sreagent.prometheus.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.sreagent.core.incident.Trigger;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AlertmanagerWebhookTest {

    private static final String BODY = """
            {"version":"4","groupKey":"{}:{alertname=\\"KubePodCrashLooping\\"}","truncatedAlerts":0,
             "status":"firing","receiver":"sre-agent",
             "groupLabels":{"alertname":"KubePodCrashLooping"},
             "commonLabels":{"alertname":"KubePodCrashLooping","namespace":"shop","pod":"cart-7d9f8b6c5-x2k4q",
                             "container":"cart","severity":"warning"},
             "commonAnnotations":{"summary":"Pod is crash looping.",
                                  "description":"Pod shop/cart-7d9f8b6c5-x2k4q (cart) is restarting 2.1 times / 10 minutes."},
             "externalURL":"http://alertmanager:9093",
             "alerts":[{"status":"firing","labels":{"alertname":"KubePodCrashLooping","namespace":"shop",
                         "pod":"cart-7d9f8b6c5-x2k4q","container":"cart","severity":"warning"},
                        "annotations":{"summary":"Pod is crash looping."},
                        "startsAt":"2026-11-20T10:12:00.123Z","endsAt":"0001-01-01T00:00:00Z",
                        "generatorURL":"http://prometheus:9090/graph","fingerprint":"a1b2c3"}]}
            """;

    @Test
    void parsesVersion4() throws Exception {
        AlertmanagerWebhook w = AlertmanagerWebhook.parse(BODY);
        assertThat(w.status()).isEqualTo("firing");
        assertThat(w.receiver()).isEqualTo("sre-agent");
        assertThat(w.externalUrl()).isEqualTo("http://alertmanager:9093");
        assertThat(w.alerts()).singleElement().satisfies(a -> {
            assertThat(a.firing()).isTrue();
            assertThat(a.startsAt()).isEqualTo(Instant.parse("2026-11-20T10:12:00.123Z"));
            assertThat(a.endsAt()).as("Go zero time means still firing").isNull();
            assertThat(a.fingerprint()).isEqualTo("a1b2c3");
        });
    }

    @Test
    void podAlertBecomesAPodTrigger() throws Exception {
        Trigger t = AlertmanagerWebhook.parse(BODY).toTrigger();
        assertThat(t.eventType()).isEqualTo("Alert");
        assertThat(t.resourceKind()).isEqualTo("Pod");
        assertThat(t.namespace()).isEqualTo("shop");
        assertThat(t.resourceName()).isEqualTo("cart-7d9f8b6c5-x2k4q");
        assertThat(t.reason()).isEqualTo("KubePodCrashLooping");
        assertThat(t.message()).isEqualTo("Pod is crash looping.");
        assertThat(t.eventData().path("labels").path("severity").asText()).isEqualTo("warning");
        assertThat(t.eventData().path("fingerprints").get(0).asText()).isEqualTo("a1b2c3");
    }

    @Test
    void mapsDeploymentServiceNodeAndClusterAlerts() throws Exception {
        assertThat(trigger("\"namespace\":\"shop\",\"deployment\":\"cart\"").resource().kind()).isEqualTo("Deployment");
        assertThat(trigger("\"namespace\":\"shop\",\"statefulset\":\"db\"").resourceName()).isEqualTo("db");
        assertThat(trigger("\"namespace\":\"shop\",\"service\":\"cart\"").resourceKind()).isEqualTo("Service");
        Trigger node = trigger("\"node\":\"worker-2\"");
        assertThat(node.resourceKind()).isEqualTo("Node");
        assertThat(node.namespace()).isNull();
        Trigger cluster = trigger("\"severity\":\"critical\"");
        assertThat(cluster.resourceKind()).isEqualTo("Cluster");
        assertThat(cluster.resourceName()).isEqualTo("X");
        assertThat(cluster.message()).as("description when no summary").isEqualTo("desc");
    }

    private static Trigger trigger(String labels) throws WebhookParseException {
        return AlertmanagerWebhook.parse("{\"version\":\"4\",\"status\":\"firing\",\"receiver\":\"r\","
                + "\"commonLabels\":{\"alertname\":\"X\"," + labels + "},"
                + "\"alerts\":[{\"labels\":{\"alertname\":\"X\"," + labels + "},\"annotations\":{\"description\":"
                + "\"desc\"},\"startsAt\":\"2026-11-20T10:00:00Z\"}]}").toTrigger();
    }

    @Test
    void badInputGivesTypedErrorsNamingTheField() {
        assertThat(catchThrowableOfType(WebhookParseException.class, () -> AlertmanagerWebhook.parse("{oops"))
                .field()).isEqualTo("$");
        assertThat(catchThrowableOfType(WebhookParseException.class,
                () -> AlertmanagerWebhook.parse("{\"status\":\"firing\"}")).field()).isEqualTo("alerts");
        WebhookParseException badTime = catchThrowableOfType(WebhookParseException.class,
                () -> AlertmanagerWebhook.parse("{\"status\":\"firing\",\"alerts\":[{\"labels\":{},"
                        + "\"startsAt\":\"yesterday\"}]}"));
        assertThat(badTime.field()).isEqualTo("alerts[0].startsAt");
        assertThat(badTime.getMessage()).contains("'yesterday'");
        assertThat(catchThrowableOfType(WebhookParseException.class, () -> AlertmanagerWebhook.parse(
                "{\"version\":\"3\",\"status\":\"firing\",\"alerts\":[]}")).field()).isEqualTo("version");
        assertThat(catchThrowableOfType(WebhookParseException.class, () -> AlertmanagerWebhook.parse(
                "{\"status\":\"firing\",\"alerts\":[{\"labels\":{\"a\":{\"b\":1}},\"startsAt\":"
                        + "\"2026-11-20T10:00:00Z\"}]}")).field()).isEqualTo("alerts[0].labels.a");
    }
}
