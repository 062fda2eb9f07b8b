package io.sreagent.k8s.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.k8s.KubernetesToolsConfig;
import io.sreagent.k8s.MockCluster;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The informer-backed event source against the CRUD mock server (which serves watches). */
class EventSourceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T10:30:00Z"), ZoneOffset.UTC);

    @Test
    void aBurstOfEventsForOneDeploymentYieldsOneIncidentAboutIt() throws Exception {
        try (MockCluster c = MockCluster.fromResource("clusters/cart-oom-killed.yaml")) {
            KubernetesToolsConfig config = KubernetesToolsConfig.from(Map.of("K8S_WATCH_NAMESPACES", "shop")::get);
            List<Incident> got = new CopyOnWriteArrayList<>();
            CountDownLatch first = new CountDownLatch(1);
            try (EventSource source = new EventSource(c.client, config, CLOCK)) {
                source.subscribe(new Flow.Subscriber<>() {
                    @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }

                    @Override public void onNext(Incident item) {
                        got.add(item);
                        first.countDown();
                    }

                    @Override public void onError(Throwable t) { }

                    @Override public void onComplete() { }
                });
                source.start();
                for (int i = 0; i < 200; i++) {
                    Event e = new EventBuilder().withNewMetadata().withName("burst-" + i).withNamespace("shop").endMetadata()
                            .withNewInvolvedObject().withKind("Pod").withNamespace("shop").withName("cart-7d9f8b6c5-x2k4q")
                            .endInvolvedObject().withType("Warning").withReason("BackOff")
                            .withMessage("Back-off restarting failed container cart in pod cart-7d9f8b6c5-x2k4q")
                            .withLastTimestamp("2026-11-20T10:29:" + String.format("%02d", i % 60) + "Z").withCount(1).build();
                    c.client.v1().events().inNamespace("shop").resource(e).create();
                }
                assertThat(first.await(20, TimeUnit.SECONDS)).isTrue();
                // let the remaining events drain through the informer before counting
                Thread.sleep(1500);
            }
            List<Incident> crash = got.stream().filter(i -> i.cause().equals("crash_loop")).toList();
            assertThat(crash).hasSize(1);
            assertThat(crash.get(0).workload()).isEqualTo(ResourceRef.of("Deployment", "shop", "cart"));
            assertThat(crash.get(0).trigger().resourceName()).isEqualTo("cart-7d9f8b6c5-x2k4q");
        }
    }
}
