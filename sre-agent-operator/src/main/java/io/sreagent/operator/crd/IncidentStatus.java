package io.sreagent.operator.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PrinterColumn;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The decision and what became of it, bounded for etcd: at most {@value #MAX_EVIDENCE} evidence summaries of at most
 * {@value #MAX_TEXT} characters, the transcript and the raw series kept out ({@link #note} says so).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class IncidentStatus {

    /** Evidence summaries kept at most. */
    public static final int MAX_EVIDENCE = 10;
    /** Characters of one text kept at most. */
    public static final int MAX_TEXT = 400;

    /** Pending (recorded, not diagnosed yet), Diagnosing, Diagnosed, Failed. */
    @PrinterColumn(name = "Phase")
    public @Nullable String phase;
    /** The root cause's category. */
    @PrinterColumn(name = "Category")
    public @Nullable String category;
    /** Where the root cause lies. */
    public @Nullable String resource;
    /** What a person can act on. */
    public @Nullable String summary;
    /** 0..1, as text so {@code kubectl} prints it plainly. */
    @PrinterColumn(name = "Confidence")
    public @Nullable String confidence;
    /** How many actions wait for a person. */
    @PrinterColumn(name = "Awaiting")
    public @Nullable Integer awaiting;
    /** The strongest evidence, one line each, with its source. */
    public List<String> evidence = new ArrayList<>();
    /** The proposed actions with risk, status and the guard's verdict. */
    public List<ActionView> actions = new ArrayList<>();
    /** Sources that could not be consulted. */
    public List<String> degraded = new ArrayList<>();
    /** Approvals already acted on, by action id: never acted on twice. */
    public List<String> handledApprovals = new ArrayList<>();
    /** Audit of approvals: who, what, when, with what outcome. */
    public List<String> audit = new ArrayList<>();
    /** Ready and Diagnosed conditions. */
    public List<Condition> conditions = new ArrayList<>();
    /** When the decision was made. */
    public @Nullable String diagnosedAt;
    /** The replica that made it. */
    public @Nullable String diagnosedBy;
    /** How many diagnoses this incident had (a new event after a quiet period adds one). */
    public @Nullable Integer diagnoses;
    /** What was left out to keep the object small. */
    public @Nullable String note;
    /** The workflow's own record (the decision and the state an approval is reviewed against), bounded. */
    @PreserveUnknownFields
    public @Nullable JsonNode record;

    /** One action, for people. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ActionView {
        public @Nullable String id;
        public @Nullable String type;
        public @Nullable String target;
        public @Nullable String risk;
        public @Nullable String status;
        public @Nullable String guard;
        public @Nullable String reason;
        public @Nullable String outcome;
        public @Nullable String approvedBy;
    }
}
