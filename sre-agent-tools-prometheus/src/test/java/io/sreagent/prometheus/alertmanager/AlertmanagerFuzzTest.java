package io.sreagent.prometheus.alertmanager;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Alertmanager payloads mutated at random (characters replaced, cut, duplicated) and arbitrary strings: parsing
 * answers a webhook (whose trigger can be built) or a {@link WebhookParseException}, nothing else, quickly.
 */
class AlertmanagerFuzzTest {

    static final String BODY = """
            {"version":"4","groupKey":"{}:{alertname=\\"KubePodCrashLooping\\"}","truncatedAlerts":0,
             "status":"firing","receiver":"sre-agent","groupLabels":{"alertname":"KubePodCrashLooping"},
             "commonLabels":{"alertname":"KubePodCrashLooping","namespace":"shop","pod":"cart-7d9f8b6c5-x2k4q"},
             "commonAnnotations":{"summary":"Pod is crash looping."},"externalURL":"http://alertmanager:9093",
             "alerts":[{"status":"firing","labels":{"alertname":"KubePodCrashLooping","namespace":"shop",
               "pod":"cart-7d9f8b6c5-x2k4q"},"annotations":{"summary":"Pod is crash looping."},
               "startsAt":"2026-11-20T10:12:00.123Z","endsAt":"0001-01-01T00:00:00Z","fingerprint":"a1b2c3"}]}
            """;

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, BODY.length() - 1);
        Arbitrary<Character> ch = Arbitraries.of('{', '}', '"', ':', ',', '[', ']', '0', 'x', '\\', ' ', '\u0000');
        Arbitrary<String> one = net.jqwik.api.Combinators.combine(at, ch, Arbitraries.integers().between(0, 2))
                .as((i, c, op) -> switch (op) {
                    case 0 -> BODY.substring(0, i) + c + BODY.substring(i + 1);
                    case 1 -> BODY.substring(0, i);
                    default -> BODY.substring(0, i) + BODY.substring(i, Math.min(BODY.length(), i + 20)) + BODY.substring(i);
                });
        return one;
    }

    static void typed(String input) {
        long t0 = System.nanoTime();
        try {
            AlertmanagerWebhook w = AlertmanagerWebhook.parse(input);
            if ("firing".equals(w.status())) {
                assertThat(w.toTrigger()).isNotNull();
            }
        } catch (WebhookParseException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2_000);
    }

    @Property(tries = 500, seed = "20261202")
    void aMutatedPayloadIsAWebhookOrATypedError(@ForAll("mutated") String input) {
        typed(input);
    }

    @Property(tries = 300, seed = "20261202")
    void anyStringIsAWebhookOrATypedError(@ForAll String input) {
        typed(input);
    }
}
