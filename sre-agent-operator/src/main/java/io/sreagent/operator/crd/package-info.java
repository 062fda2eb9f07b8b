/**
 * The {@code Incident} custom resource ({@code sre-agent.io/v1alpha1}): its spec is the trigger, the workload and the
 * approvals people write; its status is the decision, bounded for etcd. The CRD is generated from these types.
 *
 * <p>The types are mutable beans with public fields, as fabric8's serialisation and CRD generator expect of custom
 * resource models; nothing else in the project is shaped like this. Tier: API.
 */
@NullMarked
package io.sreagent.operator.crd;

import org.jspecify.annotations.NullMarked;
