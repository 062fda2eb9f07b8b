package io.sreagent.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.sreagent.core.incident.ActionStatus;
import io.sreagent.core.incident.Decision;
import io.sreagent.core.incident.Evidence;
import io.sreagent.core.incident.ProposedAction;
import io.sreagent.core.support.Json;
import io.sreagent.core.workflow.WorkflowState;
import io.sreagent.operator.crd.IncidentResource;
import io.sreagent.operator.crd.IncidentStatus;
import io.sreagent.workflow.IncidentStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The workflow's {@link IncidentStore} on the API server: each incident is an {@code Incident} resource in one
 * namespace, named by the incident id. {@link #save} writes the decision into the resource's status for people
 * (category, summary, confidence, evidence summaries, actions) and a bounded record for the workflow (the decision
 * and the state an approval is reviewed against, without the transcript, the raw series and the log lines, which
 * would not fit etcd: the status's {@code note} says so). The approvals a person wrote and the operator's audit are
 * kept as they are. Thread-safe: every call is one request.
 */
public final class KubernetesIncidentStore implements IncidentStore {

    static final String NOTE = "the transcript, raw metric series and log lines are kept out of etcd; the evidence "
            + "summaries and the actions are here";

    private final KubernetesClient client;
    private final String namespace;
    private final Clock clock;

    /** Incidents as resources in {@code namespace}; {@code clock} dates their conditions. */
    public KubernetesIncidentStore(KubernetesClient client, String namespace, Clock clock) {
        this.client = client;
        this.namespace = namespace;
        this.clock = clock;
    }

    MixedOperation<IncidentResource, io.fabric8.kubernetes.api.model.KubernetesResourceList<IncidentResource>,
            Resource<IncidentResource>> incidents() {
        return client.resources(IncidentResource.class);
    }

    @Override
    public void save(Stored s) {
        Decision d = s.decision();
        Resource<IncidentResource> r = incidents().inNamespace(namespace).withName(d.incidentId());
        if (r.get() == null) {
            IncidentResource fresh = new IncidentResource();
            fresh.getMetadata().setName(d.incidentId());
            fresh.getMetadata().setNamespace(namespace);
            fresh.getSpec().workload = String.valueOf(d.rootCause().resource());
            incidents().inNamespace(namespace).resource(fresh).create();
        }
        JsonNode record = record(s);
        r.editStatus(res -> {
            IncidentStatus st = res.getStatus() == null ? new IncidentStatus() : res.getStatus();
            write(st, d, clock);
            st.record = record;
            res.setStatus(st);
            return res;
        });
    }

    /** {@code d} into {@code st}, bounded; the approvals handled and the audit stay. */
    static void write(IncidentStatus st, Decision d, Clock clock) {
        st.phase = "Diagnosed";
        st.category = d.rootCause().category().name();
        st.resource = String.valueOf(d.rootCause().resource());
        st.summary = clip(d.rootCause().summary());
        st.confidence = String.valueOf(d.confidence());
        st.evidence = new ArrayList<>();
        for (Evidence e : d.evidence().subList(0, Math.min(IncidentStatus.MAX_EVIDENCE, d.evidence().size()))) {
            st.evidence.add(clip("(" + e.source() + ") " + e.summary()));
        }
        st.actions = new ArrayList<>();
        for (ProposedAction a : d.actions()) {
            IncidentStatus.ActionView v = new IncidentStatus.ActionView();
            v.id = a.id();
            v.type = a.type().name();
            v.target = String.valueOf(a.target());
            v.risk = String.valueOf(a.risk());
            v.status = a.status().name();
            v.guard = a.guard() == null ? null : clip(a.guard().verdict() + ": " + String.join("; ", a.guard().reasons()));
            v.reason = clip(a.reason());
            v.outcome = a.outcome() == null ? null : clip(a.outcome().toString());
            v.approvedBy = a.approvedBy();
            st.actions.add(v);
        }
        st.awaiting = (int) d.actions().stream().filter(a -> a.status() == ActionStatus.AWAITING_APPROVAL).count();
        st.degraded = new ArrayList<>(d.degraded().stream().map(KubernetesIncidentStore::clip).toList());
        st.note = NOTE;
        Condition diagnosed = new ConditionBuilder().withType("Diagnosed").withStatus("True")
                .withReason(st.category).withMessage(clip(st.summary)).withLastTransitionTime(clock.instant().toString())
                .build();
        st.conditions = new ArrayList<>(List.of(diagnosed));
    }

    /** The workflow's record, bounded: no transcript, no facts (series, log lines), evidence without detail. */
    static JsonNode record(Stored s) {
        Decision d = s.decision();
        Decision small = new Decision(d.incidentId(), d.trigger(), d.rootCause(), d.confidence(),
                d.evidence().stream().limit(IncidentStatus.MAX_EVIDENCE)
                        .map(e -> new Evidence(e.source(), clip(e.summary()), null)).toList(),
                d.actions(), d.degraded(), List.of(), d.durationMs(), d.llm());
        WorkflowState st = s.state();
        WorkflowState smallState = new WorkflowState(st.incidentId(), st.trigger(),
                st.findings().stream().map(f -> new io.sreagent.core.incident.Finding(f.source(), f.analyzer(),
                        f.category(), f.resource(), f.subject(), f.confidence(), clip(f.summary()), null, f.since(),
                        f.chain())).toList(),
                st.hypotheses(), st.actions(), st.degraded(), st.tokenUsage(),
                st.timeline().subList(Math.max(0, st.timeline().size() - 50), st.timeline().size()), Map.of(),
                st.completedSteps(), List.of());
        ObjectNode o = Json.object();
        o.set("decision", Json.mapper().valueToTree(small));
        o.set("state", Json.mapper().valueToTree(smallState));
        return o;
    }

    @Override
    public Optional<Stored> load(String incidentId) {
        IncidentResource r = incidents().inNamespace(namespace).withName(incidentId).get();
        return r == null ? Optional.empty() : stored(r);
    }

    static Optional<Stored> stored(IncidentResource r) {
        if (r.getStatus() == null || r.getStatus().record == null) {
            return Optional.empty();
        }
        try {
            JsonNode n = Json.mapper().readTree(r.getStatus().record.toString());
            return Optional.of(new Stored(Json.mapper().treeToValue(n.get("decision"), Decision.class),
                    Json.mapper().treeToValue(n.get("state"), WorkflowState.class)));
        } catch (java.io.IOException | IllegalArgumentException e) {
            org.slf4j.LoggerFactory.getLogger(KubernetesIncidentStore.class).warn("incident {}: its record cannot be read: {}",
                    r.getMetadata().getName(), e.toString());
            return Optional.empty();
        }
    }

    @Override
    public List<Stored> recent(int max) {
        return incidents().inNamespace(namespace).list().getItems().stream()
                .sorted(Comparator.comparing((IncidentResource r) -> String.valueOf(r.getMetadata().getCreationTimestamp()))
                        .reversed())
                .map(KubernetesIncidentStore::stored).flatMap(Optional::stream).limit(max).toList();
    }

    static String clip(String s) {
        return s == null || s.length() <= IncidentStatus.MAX_TEXT ? s : s.substring(0, IncidentStatus.MAX_TEXT) + "...";
    }
}
