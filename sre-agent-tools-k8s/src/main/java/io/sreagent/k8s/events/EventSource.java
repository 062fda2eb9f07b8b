package io.sreagent.k8s.events;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.k8s.KubernetesToolsConfig;
import io.sreagent.k8s.internal.Times;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SubmissionPublisher;

/**
 * Watches core/v1 Events and pod status changes through fabric8 informers (in the configured namespaces, or all) and
 * publishes one {@link Incident} per failing workload and cause, as a {@link Flow.Publisher}.
 *
 * <p>Events about pods are attributed to the owning workload (Pod → ReplicaSet → Deployment, Job → CronJob,
 * StatefulSet, DaemonSet) from the informers' caches; a pod whose container newly enters a failing waiting state or
 * was just OOM-killed counts as an event too. Callbacks are serialised into one {@link IncidentCorrelator}, so memory
 * stays bounded by the correlator's limit. Subscribers receive incidents on the publisher's executor; a slow
 * subscriber's buffer is bounded and it loses the newest incidents rather than blocking the informers.
 *
 * <p>Lifecycle: {@link #start()} once, {@link #close()} to stop the informers and complete subscribers.
 */
public final class EventSource implements Flow.Publisher<Incident>, AutoCloseable {

    private static final Set<String> FAILING_WAITING = Set.of("CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull",
            "CreateContainerConfigError", "CreateContainerError", "InvalidImageName", "RunContainerError");

    private final KubernetesClient client;
    private final KubernetesToolsConfig config;
    private final Clock clock;
    private final IncidentCorrelator correlator;
    private final SubmissionPublisher<Incident> publisher;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final List<SharedIndexInformer<ReplicaSet>> replicaSets = new ArrayList<>();
    private final List<SharedIndexInformer<Job>> jobs = new ArrayList<>();
    private final List<SharedIndexInformer<Pod>> pods = new ArrayList<>();

    public EventSource(KubernetesClient client, KubernetesToolsConfig config, Clock clock) {
        this(client, config, clock, ForkJoinPool.commonPool());
    }

    public EventSource(KubernetesClient client, KubernetesToolsConfig config, Clock clock, Executor executor) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        config.validate();
        this.correlator = new IncidentCorrelator(config.correlationWindow(), config.maxOpenIncidents());
        this.publisher = new SubmissionPublisher<>(executor, Flow.defaultBufferSize());
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Incident> subscriber) {
        publisher.subscribe(subscriber);
    }

    /** Starts the informers (ReplicaSets, Jobs and Pods first, so events can be attributed, then Events). */
    public synchronized void start() {
        List<String> namespaces = config.watchedNamespaces();
        List<String> scopes = namespaces.isEmpty() ? java.util.Collections.singletonList(null) : namespaces;
        for (String ns : scopes) {
            // inform() returns once the initial list is in the informer's store, so owners resolve from the first event
            replicaSets.add((ns == null ? client.apps().replicaSets().inAnyNamespace()
                    : client.apps().replicaSets().inNamespace(ns)).inform());
            jobs.add((ns == null ? client.batch().v1().jobs().inAnyNamespace() : client.batch().v1().jobs().inNamespace(ns))
                    .inform());
            pods.add((ns == null ? client.pods().inAnyNamespace() : client.pods().inNamespace(ns)).inform(podHandler()));
        }
        informers.addAll(replicaSets);
        informers.addAll(jobs);
        informers.addAll(pods);
        for (String ns : scopes) {
            informers.add((ns == null ? client.v1().events().inAnyNamespace() : client.v1().events().inNamespace(ns))
                    .inform(eventHandler()));
        }
    }

    private static <T extends HasMetadata> T lookup(List<SharedIndexInformer<T>> from, String ns, String name) {
        for (SharedIndexInformer<T> i : from) {
            T t = i.getStore().getByKey(ns + "/" + name);
            if (t != null) {
                return t;
            }
        }
        return null;
    }

    private ResourceEventHandler<Event> eventHandler() {
        return new ResourceEventHandler<>() {
            @Override public void onAdd(Event e) { handle(e); }

            @Override public void onUpdate(Event oldE, Event newE) {
                // a repeated event is an update with a higher count: count only the new occurrences
                handle(newE);
            }

            @Override public void onDelete(Event e, boolean unknown) { }
        };
    }

    private ResourceEventHandler<Pod> podHandler() {
        return new ResourceEventHandler<>() {
            @Override public void onAdd(Pod p) { podChange(null, p); }

            @Override public void onUpdate(Pod oldP, Pod newP) { podChange(oldP, newP); }

            @Override public void onDelete(Pod p, boolean unknown) { }
        };
    }

    private void handle(Event e) {
        if (e.getInvolvedObject() == null || e.getInvolvedObject().getName() == null) {
            return;
        }
        String kind = e.getInvolvedObject().getKind();
        String ns = e.getInvolvedObject().getNamespace() != null ? e.getInvolvedObject().getNamespace()
                : e.getMetadata().getNamespace();
        ResourceRef subject = "Node".equals(kind) ? ResourceRef.cluster("Node", e.getInvolvedObject().getName())
                : ResourceRef.of(kind == null ? "Unknown" : kind, ns, e.getInvolvedObject().getName());
        Instant t = Times.lastSeen(e);
        feed(new ClusterEvent(t == null ? clock.instant() : t, workloadOf(subject), subject, e.getType(), e.getReason(),
                e.getMessage(), Times.count(e)));
    }

    private void podChange(Pod before, Pod after) {
        if (after.getStatus() == null || after.getStatus().getContainerStatuses() == null) {
            return;
        }
        ResourceRef subject = ResourceRef.of("Pod", after.getMetadata().getNamespace(), after.getMetadata().getName());
        for (ContainerStatus cs : after.getStatus().getContainerStatuses()) {
            String reason = null;
            String message = null;
            if (cs.getState() != null && cs.getState().getWaiting() != null
                    && FAILING_WAITING.contains(cs.getState().getWaiting().getReason())) {
                reason = cs.getState().getWaiting().getReason();
                message = cs.getState().getWaiting().getMessage();
            } else if (cs.getLastState() != null && cs.getLastState().getTerminated() != null
                    && "OOMKilled".equals(cs.getLastState().getTerminated().getReason())) {
                reason = "OOMKilled";
                message = "container " + cs.getName() + " was OOMKilled";
            }
            if (reason == null || sameState(before, cs.getName(), reason)) {
                continue;
            }
            feed(new ClusterEvent(clock.instant(), ownerOf(after, subject), subject, "Warning", reason,
                    message == null ? reason : message, 1));
        }
    }

    private static boolean sameState(Pod before, String container, String reason) {
        if (before == null || before.getStatus() == null || before.getStatus().getContainerStatuses() == null) {
            return false;
        }
        for (ContainerStatus cs : before.getStatus().getContainerStatuses()) {
            if (!cs.getName().equals(container)) {
                continue;
            }
            if (cs.getState() != null && cs.getState().getWaiting() != null
                    && reason.equals(cs.getState().getWaiting().getReason())) {
                return true;
            }
            if ("OOMKilled".equals(reason) && cs.getLastState() != null && cs.getLastState().getTerminated() != null
                    && "OOMKilled".equals(cs.getLastState().getTerminated().getReason())) {
                return true;
            }
        }
        return false;
    }

    private synchronized void feed(ClusterEvent e) {
        correlator.accept(e).ifPresent(i -> publisher.offer(i, (sub, dropped) -> false));
    }

    /** The owning workload of an object, from the informers' caches; the object itself when unknown. */
    ResourceRef workloadOf(ResourceRef subject) {
        if (!"Pod".equals(subject.kind())) {
            if ("ReplicaSet".equals(subject.kind())) {
                ReplicaSet rs = lookup(replicaSets, subject.namespace(), subject.name());
                OwnerReference o = rs == null ? null : controller(rs);
                return o == null ? subject : ResourceRef.of(o.getKind(), subject.namespace(), o.getName());
            }
            return subject;
        }
        return ownerOf(lookup(pods, subject.namespace(), subject.name()), subject);
    }

    private ResourceRef ownerOf(Pod p, ResourceRef subject) {
        OwnerReference o = p == null ? null : controller(p);
        if (o == null) {
            return subject;
        }
        if ("ReplicaSet".equals(o.getKind())) {
            ReplicaSet rs = lookup(replicaSets, subject.namespace(), o.getName());
            OwnerReference top = rs == null ? null : controller(rs);
            return top != null ? ResourceRef.of(top.getKind(), subject.namespace(), top.getName())
                    : ResourceRef.of("ReplicaSet", subject.namespace(), o.getName());
        }
        if ("Job".equals(o.getKind())) {
            Job j = lookup(jobs, subject.namespace(), o.getName());
            OwnerReference top = j == null ? null : controller(j);
            return top != null ? ResourceRef.of(top.getKind(), subject.namespace(), top.getName())
                    : ResourceRef.of("Job", subject.namespace(), o.getName());
        }
        return ResourceRef.of(o.getKind(), subject.namespace(), o.getName());
    }

    private static OwnerReference controller(HasMetadata o) {
        if (o.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        for (OwnerReference r : o.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(r.getController())) {
                return r;
            }
        }
        return null;
    }

    /** Stops the informers and completes every subscriber. */
    @Override
    public synchronized void close() {
        informers.forEach(SharedIndexInformer::close);
        informers.clear();
        replicaSets.clear();
        jobs.clear();
        pods.clear();
        publisher.close();
    }
}
