package io.sreagent.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * One incident: a failing workload and its cause, as the operator diagnosed it. {@code kubectl get incidents -A}
 * shows the workload, the category, the confidence, the phase, the actions awaiting a person and the age.
 */
@Group(IncidentResource.GROUP)
@Version(IncidentResource.VERSION)
@Kind("Incident")
@Plural("incidents")
@Singular("incident")
@ShortNames("inc")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class IncidentResource extends CustomResource<IncidentSpec, IncidentStatus> implements Namespaced {

    private static final long serialVersionUID = 1L;

    /** The API group. */
    public static final String GROUP = "sre-agent.io";
    /** The API version. */
    public static final String VERSION = "v1alpha1";
    /** The label naming the shard an incident belongs to. */
    public static final String SHARD_LABEL = "sre-agent.io/shard";

    @Override
    protected IncidentSpec initSpec() {
        return new IncidentSpec();
    }

    @Override
    protected IncidentStatus initStatus() {
        return new IncidentStatus();
    }
}
