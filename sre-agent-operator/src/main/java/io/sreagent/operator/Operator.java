package io.sreagent.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.sreagent.core.agent.Cancellation;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.incident.ResourceRef;
import io.sreagent.core.incident.Trigger;
import io.sreagent.core.support.Json;
import io.sreagent.k8s.KubernetesToolsConfig;
import io.sreagent.k8s.events.EventSource;
import io.sreagent.k8s.events.Incident;
import io.sreagent.operator.crd.IncidentResource;
import io.sreagent.operator.crd.IncidentSpec;
import io.sreagent.operator.crd.IncidentStatus;
import io.sreagent.prometheus.alertmanager.AlertmanagerWebhook;
import io.sreagent.prometheus.alertmanager.WebhookParseException;
import io.sreagent.workflow.ApprovalException;
import io.sreagent.workflow.SreWorkflow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One replica of the operator. It watches Warning events through the {@link EventSource} (informers, correlated into
 * one incident per failing workload and cause) and takes Alertmanager notifications ({@link #alert}); for each incident
 * of a shard it leads, it records an {@code Incident} resource and diagnoses it once, and again only when the
 * correlator reopens it (new evidence after the quiet period); it executes the approvals people write into
 * {@code spec.approvals}, once each, with the guard's review against the live object and a dry-run unless the
 * workflow allows real changes.
 *
 * <p>Replicas share the work through Kubernetes' own machinery: namespaces map to shards ({@link Shards}), each shard
 * has a Lease (fabric8's {@link LeaderElector}), and a replica acts only on the shards it leads. It keeps the latest
 * incident of the shards it does not lead (bounded) so that, when it takes a shard over from a replica that died, it
 * diagnoses what arrived meanwhile, and picks up what was in progress from the Incident resources themselves.
 *
 * <p>Work is done on one thread per replica, in arrival order. {@link #close()} stops and releases the Leases at once;
 * {@link #halt()} stops as a crashed replica does, leaving its Leases to expire.
 */
public final class Operator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Operator.class);
    /** Incidents of shards not led, remembered at most. */
    static final int MAX_DEFERRED = 2_000;

    private final KubernetesClient client;
    private final SreWorkflow workflow;
    private final KubernetesIncidentStore store;
    private final String namespace;
    private final String identity;
    private final Shards shards;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Duration retryPeriod;
    private final KubernetesToolsConfig events;
    private final Clock clock;
    private final Set<Integer> led = ConcurrentHashMap.newKeySet();
    private final Map<String, Incident> deferred = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Incident> eldest) {
            return size() > MAX_DEFERRED;
        }
    };
    private final ExecutorService worker;
    private final List<LeaderElector> electors = new ArrayList<>();
    private final List<CompletableFuture<?>> elections = new ArrayList<>();
    private final AtomicLong diagnoses = new AtomicLong();
    private final AtomicLong executed = new AtomicLong();
    private EventSource source;
    private SharedIndexInformer<IncidentResource> resources;

    private Operator(Builder b) {
        this.client = b.client;
        this.namespace = b.namespace;
        this.identity = b.identity;
        this.shards = new Shards(b.shards);
        this.leaseDuration = b.leaseDuration;
        this.renewDeadline = b.renewDeadline;
        this.retryPeriod = b.retryPeriod;
        this.events = b.events;
        this.clock = b.clock;
        this.store = new KubernetesIncidentStore(client, namespace, clock);
        this.workflow = b.workflow.store(store).build();
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sre-agent-operator-" + identity);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * An operator on {@code client} running {@code workflow} (its tools, configuration and models; the operator sets
     * its store to the API server).
     */
    public static Builder builder(KubernetesClient client, SreWorkflow.Builder workflow) {
        return new Builder(client, workflow);
    }

    /** Starts the informers and the elections; returns at once. */
    public synchronized Operator start() {
        resources = client.resources(IncidentResource.class).inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override public void onAdd(IncidentResource r) { approvalsMaybe(r); }
            @Override public void onUpdate(IncidentResource o, IncidentResource r) { approvalsMaybe(r); }
            @Override public void onDelete(IncidentResource r, boolean unknown) { }
        });
        for (int i = 0; i < shards.count(); i++) {
            int shard = i;
            LeaderElector e = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                    .withName(Shards.lease(shard))
                    .withLock(new LeaseLock(namespace, Shards.lease(shard), identity))
                    .withLeaseDuration(leaseDuration).withRenewDeadline(renewDeadline).withRetryPeriod(retryPeriod)
                    .withReleaseOnCancel(false)
                    .withLeaderCallbacks(new LeaderCallbacks(() -> lead(shard), () -> lose(shard), leader -> { }))
                    .build()).build();
            electors.add(e);
            elections.add(e.start());
        }
        source = new EventSource(client, events, clock);
        source.subscribe(new Flow.Subscriber<>() {
            @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
            @Override public void onNext(Incident incident) { accept(incident); }
            @Override public void onError(Throwable t) { LOG.warn("event source failed: {}", t.toString()); }
            @Override public void onComplete() { }
        });
        source.start();
        return this;
    }

    /** The replica's identity (its Lease holder name). */
    public String identity() {
        return identity;
    }

    /** The shards this replica leads now. */
    public Set<Integer> ledShards() {
        return Set.copyOf(led);
    }

    /** The shards. */
    public Shards shards() {
        return shards;
    }

    /** Diagnoses this replica made. */
    public long diagnoses() {
        return diagnoses.get();
    }

    /** Approvals this replica executed. */
    public long executed() {
        return executed.get();
    }

    /** The workflow, for a host that serves it too (the web page over the same store). */
    public SreWorkflow workflow() {
        return workflow;
    }

    /**
     * An Alertmanager notification (payload version 4): one incident per alert group's workload and alert name.
     *
     * @throws WebhookParseException when the body is not a notification
     */
    public void alert(String body) throws WebhookParseException {
        AlertmanagerWebhook w = AlertmanagerWebhook.parse(body);
        if (!"firing".equals(w.status())) {
            return;
        }
        Trigger t = w.toTrigger();
        ResourceRef workload = t.resource();
        accept(new Incident(Shards.incidentName(workload, "alert-" + t.reason()), workload, "alert-" + t.reason(), t,
                clock.instant()));
    }

    // --- incidents ---------------------------------------------------------------------------------------------

    private void accept(Incident incident) {
        int shard = shards.of(incident.workload().namespace());
        if (led.contains(shard)) {
            worker.execute(() -> diagnose(incident, false));
        } else {
            synchronized (deferred) {
                deferred.put(Shards.incidentName(incident.workload(), incident.cause()), incident);
            }
        }
    }

    /**
     * Records and diagnoses {@code incident} unless its resource already holds a diagnosis of this evidence (the
     * correlator reopens an incident only after a quiet period, with a later opening time).
     */
    private void diagnose(Incident incident, boolean resume) {
        String name = Shards.incidentName(incident.workload(), incident.cause());
        int shard = shards.of(incident.workload().namespace());
        if (!led.contains(shard)) {
            return;
        }
        try {
            var res = store.incidents().inNamespace(namespace).withName(name);
            IncidentResource r = res.get();
            String seen = incident.openedAt().toString();
            if (!resume && r != null && r.getSpec().trigger != null && r.getStatus() != null
                    && "Diagnosed".equals(r.getStatus().phase)
                    && !Instant.parse(seen).isAfter(Instant.parse(r.getSpec().trigger.seenAt))) {
                return;
            }
            IncidentSpec.TriggerSpec t = trigger(incident.trigger(), seen);
            if (r == null) {
                IncidentResource fresh = new IncidentResource();
                fresh.getMetadata().setName(name);
                fresh.getMetadata().setNamespace(namespace);
                fresh.getMetadata().setLabels(Map.of(IncidentResource.SHARD_LABEL, Integer.toString(shard)));
                fresh.getSpec().workload = String.valueOf(incident.workload());
                fresh.getSpec().cause = incident.cause();
                fresh.getSpec().trigger = t;
                res = store.incidents().inNamespace(namespace).resource(fresh);
                res.create();
            } else {
                // A new diagnosis proposes new actions under the same ids: approvals of the old ones must not carry
                // over to them, so they end here, on the record.
                List<String> superseded = new ArrayList<>();
                res.edit(x -> {
                    x.getSpec().trigger = t;
                    x.getSpec().approvals.forEach(a -> superseded.add(a.action + " by " + a.approvedBy));
                    x.getSpec().approvals = new ArrayList<>();
                    return x;
                });
                if (!superseded.isEmpty()) {
                    res.editStatus(x -> {
                        x.getStatus().audit.add(KubernetesIncidentStore.clip(clock.instant() + " " + identity
                                + " re-diagnosed on new evidence: approvals " + superseded + " no longer apply"));
                        return x;
                    });
                }
            }
            res.editStatus(x -> {
                IncidentStatus st = x.getStatus() == null ? new IncidentStatus() : x.getStatus();
                st.phase = "Diagnosing";
                st.diagnosedBy = identity;
                st.handledApprovals = new ArrayList<>();
                x.setStatus(st);
                return x;
            });
            workflow.processIncident(name, incident.trigger(), e -> { }, new Cancellation());
            diagnoses.incrementAndGet();
            res.editStatus(x -> {
                x.getStatus().diagnosedAt = clock.instant().toString();
                x.getStatus().diagnosedBy = identity;
                x.getStatus().diagnoses = x.getStatus().diagnoses == null ? 1 : x.getStatus().diagnoses + 1;
                return x;
            });
        } catch (RuntimeException e) {
            LOG.warn("incident {}: {}", name, e.toString());
        }
    }

    private static IncidentSpec.TriggerSpec trigger(Trigger t, String seen) {
        IncidentSpec.TriggerSpec s = new IncidentSpec.TriggerSpec();
        s.eventType = t.eventType();
        s.namespace = t.namespace();
        s.resourceKind = t.resourceKind();
        s.resourceName = t.resourceName();
        s.reason = t.reason();
        s.message = KubernetesIncidentStore.clip(t.message());
        s.seenAt = seen;
        return s;
    }

    private static Trigger trigger(IncidentSpec.TriggerSpec s) {
        var data = Json.object().put("reason", s.reason).put("message", s.message);
        return new Trigger(s.eventType, s.namespace, Objects.requireNonNull(s.resourceKind), Objects.requireNonNull(s.resourceName), data);
    }

    // --- approvals ---------------------------------------------------------------------------------------------

    /**
     * A person's approval from the web page or the HTTP API, written into the Incident resource like a
     * {@code kubectl patch}: the replica leading the incident's shard acts on it. Waits up to {@code wait} for the
     * outcome and answers the action as it then stands.
     *
     * @throws ApprovalException when the incident or the action is unknown, the action awaits no approval, or
     *                           {@code approvedBy} is blank
     */
    public ProposedAction approve(String incidentId, String actionId, String approvedBy, Duration wait) {
        if (approvedBy == null || approvedBy.isBlank()) {
            throw new ApprovalException.MissingApprover();
        }
        var res = store.incidents().inNamespace(namespace).withName(incidentId);
        ProposedAction a = action(incidentId, actionId);
        if (a.status() != io.sreagent.core.incident.ActionStatus.AWAITING_APPROVAL) {
            throw new ApprovalException.NotAwaitingApproval(actionId, a.status());
        }
        res.edit(x -> {
            IncidentSpec.Approval ap = new IncidentSpec.Approval();
            ap.action = actionId;
            ap.approvedBy = approvedBy;
            x.getSpec().approvals.add(ap);
            return x;
        });
        long until = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < until) {
            ProposedAction now = action(incidentId, actionId);
            if (now.status() != io.sreagent.core.incident.ActionStatus.AWAITING_APPROVAL) {
                return now;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return action(incidentId, actionId);
    }

    private ProposedAction action(String incidentId, String actionId) {
        return store.load(incidentId).orElseThrow(() -> new ApprovalException.UnknownIncident(incidentId, 0))
                .decision().actions().stream().filter(x -> x.id().equals(actionId)).findFirst()
                .orElseThrow(() -> new ApprovalException.UnknownAction(incidentId, actionId));
    }

    private void approvalsMaybe(IncidentResource r) {
        if (led.contains(shardOf(r)) && !pendingApprovals(r).isEmpty()) {
            worker.execute(() -> approvals(r.getMetadata().getName()));
        }
    }

    private static List<IncidentSpec.Approval> pendingApprovals(IncidentResource r) {
        List<String> handled = r.getStatus() == null ? List.of() : r.getStatus().handledApprovals;
        return r.getSpec().approvals.stream().filter(a -> a.action != null && !handled.contains(a.action)).toList();
    }

    /** Executes the approvals of {@code name} not yet handled, each once: it is marked handled before it runs. */
    private void approvals(String name) {
        var res = store.incidents().inNamespace(namespace).withName(name);
        IncidentResource r = res.get();
        if (r == null || !led.contains(shardOf(r))) {
            return;
        }
        for (IncidentSpec.Approval a : pendingApprovals(r)) {
            String who = a.approvedBy == null || a.approvedBy.isBlank() ? "" : a.approvedBy;
            try {
                // The claim carries the resourceVersion read: a replica that raced us gets a conflict and stops here.
                IncidentResource claim = res.get();
                if (claim.getStatus().handledApprovals.contains(a.action)) {
                    continue;
                }
                claim.getStatus().handledApprovals.add(a.action);
                store.incidents().inNamespace(namespace).resource(claim).updateStatus();
            } catch (KubernetesClientException e) {
                LOG.info("approval {} of {} is someone else's now: {}", a.action, name, e.getCode());
                return;
            }
            String line;
            try {
                ProposedAction done = workflow.execute(name, a.action, who);
                executed.incrementAndGet();
                line = a.action + " " + done.type() + " approved by " + who + ": " + done.status();
            } catch (ApprovalException e) {
                line = a.action + " approved by " + (who.isEmpty() ? "(nobody)" : who) + " refused: " + e.getMessage();
            }
            String entry = clock.instant() + " " + identity + " " + line;
            res.editStatus(x -> {
                x.getStatus().audit.add(KubernetesIncidentStore.clip(entry));
                return x;
            });
        }
    }

    private int shardOf(IncidentResource r) {
        String label = r.getMetadata().getLabels() == null ? null : r.getMetadata().getLabels().get(IncidentResource.SHARD_LABEL);
        try {
            return label == null ? -1 : Integer.parseInt(label);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // --- shards ------------------------------------------------------------------------------------------------

    private void lead(int shard) {
        LOG.info("{} leads shard {}", identity, shard);
        led.add(shard);
        worker.execute(() -> takeOver(shard));
    }

    private void lose(int shard) {
        LOG.info("{} no longer leads shard {}", identity, shard);
        led.remove(shard);
    }

    /** What a new leader of {@code shard} picks up: incidents in progress, approvals waiting, and what arrived meanwhile. */
    private void takeOver(int shard) {
        try {
            for (IncidentResource r : store.incidents().inNamespace(namespace)
                    .withLabel(IncidentResource.SHARD_LABEL, Integer.toString(shard)).list().getItems()) {
                String phase = r.getStatus() == null ? null : r.getStatus().phase;
                if (!"Diagnosed".equals(phase) && r.getSpec().trigger != null) {
                    Trigger t = trigger(r.getSpec().trigger);
                    diagnose(new Incident(r.getMetadata().getName(), ref(r.getSpec().workload, t), r.getSpec().cause, t,
                            Instant.parse(r.getSpec().trigger.seenAt)), true);
                }
                approvals(r.getMetadata().getName());
            }
        } catch (RuntimeException e) {
            LOG.warn("taking shard {} over: {}", shard, e.toString());
        }
        List<Incident> mine = new ArrayList<>();
        synchronized (deferred) {
            deferred.values().removeIf(i -> {
                boolean ours = shards.of(i.workload().namespace()) == shard;
                if (ours) {
                    mine.add(i);
                }
                return ours;
            });
        }
        mine.forEach(i -> diagnose(i, false));
    }

    private static ResourceRef ref(String workload, Trigger t) {
        String[] parts = workload == null ? new String[0] : workload.split("/");
        if (parts.length == 3) {
            return new ResourceRef(parts[0], parts[1], parts[2]);
        }
        return parts.length == 2 ? new ResourceRef(parts[0], null, parts[1]) : t.resource();
    }

    // --- lifecycle ---------------------------------------------------------------------------------------------

    /** Stops as a crashed replica does: no more work, the Leases left to expire. */
    public synchronized void halt() {
        stop(false);
    }

    /** Stops and releases the Leases, so another replica takes the shards over at its next retry. */
    @Override
    public synchronized void close() {
        stop(true);
    }

    private void stop(boolean release) {
        led.clear();
        elections.forEach(f -> f.cancel(true));
        if (release) {
            electors.forEach(e -> {
                try {
                    e.release();
                } catch (RuntimeException ignored) {
                    // the lease may be gone with the API server; it expires then
                }
            });
        }
        if (source != null) {
            source.close();
        }
        if (resources != null) {
            resources.close();
        }
        worker.shutdownNow();
    }

    /** Builds an {@link Operator}. */
    public static final class Builder {
        private final KubernetesClient client;
        private final SreWorkflow.Builder workflow;
        private String namespace = "sre-agent";
        private String identity = defaultIdentity();
        private int shards = 4;
        private Duration leaseDuration = Duration.ofSeconds(15);
        private Duration renewDeadline = Duration.ofSeconds(10);
        private Duration retryPeriod = Duration.ofSeconds(2);
        private KubernetesToolsConfig events = KubernetesToolsConfig.defaults();
        private Clock clock = Clock.systemUTC();

        private Builder(KubernetesClient client, SreWorkflow.Builder workflow) {
            this.client = Objects.requireNonNull(client, "client");
            this.workflow = Objects.requireNonNull(workflow, "workflow");
        }

        private static String defaultIdentity() {
            String pod = System.getenv("POD_NAME");
            if (pod != null && !pod.isBlank()) {
                return pod;
            }
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.net.UnknownHostException e) {
                return "sre-agent-" + ProcessHandle.current().pid();
            }
        }

        /** Where the Incident resources and the Leases live (default {@code sre-agent}). */
        public Builder namespace(String ns) {
            this.namespace = Objects.requireNonNull(ns, "namespace");
            return this;
        }

        /** This replica's name, its Leases' holder (default: {@code POD_NAME}, else the host name). */
        public Builder identity(String id) {
            this.identity = Objects.requireNonNull(id, "identity");
            return this;
        }

        /** How many shards the namespaces spread over (default 4; every replica must use the same). */
        public Builder shards(int n) {
            this.shards = n;
            return this;
        }

        /** Lease timings (defaults 15 s, 10 s, 2 s, as Kubernetes' own controllers). */
        public Builder leases(Duration duration, Duration renewDeadline, Duration retryPeriod) {
            this.leaseDuration = Objects.requireNonNull(duration, "duration");
            this.renewDeadline = Objects.requireNonNull(renewDeadline, "renewDeadline");
            this.retryPeriod = Objects.requireNonNull(retryPeriod, "retryPeriod");
            return this;
        }

        /** What the event source watches and its quiet period ({@code K8S_WATCH_NAMESPACES}, {@code K8S_CORRELATION_WINDOW_SECONDS}). */
        public Builder events(KubernetesToolsConfig c) {
            this.events = Objects.requireNonNull(c, "events");
            return this;
        }

        /** The clock incidents are dated by. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** The operator (not started). */
        public Operator build() {
            return new Operator(this);
        }
    }
}
