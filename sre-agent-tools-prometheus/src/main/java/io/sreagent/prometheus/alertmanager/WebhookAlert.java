package io.sreagent.prometheus.alertmanager;

import java.time.Instant;
import java.util.Map;

/**
 * One alert of an Alertmanager webhook notification.
 *
 * @param status       {@code firing} or {@code resolved}
 * @param labels       the alert's labels ({@code alertname}, {@code namespace}, {@code pod}, ...)
 * @param annotations  the alert's annotations ({@code summary}, {@code description}, ...)
 * @param startsAt     when the alert started firing
 * @param endsAt       when it ended, or null while it fires (Alertmanager sends the zero time then)
 * @param generatorUrl link to the expression in Prometheus, or null
 * @param fingerprint  Alertmanager's identity of the alert, or null
 */
public record WebhookAlert(String status, Map<String, String> labels, Map<String, String> annotations,
                           Instant startsAt, Instant endsAt, String generatorUrl, String fingerprint) {

    /** Copies the maps. */
    public WebhookAlert {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** Whether the alert is firing. */
    public boolean firing() {
        return "firing".equals(status);
    }
}
