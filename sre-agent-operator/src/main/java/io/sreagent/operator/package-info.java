/**
 * The operator: {@link io.sreagent.operator.Operator} watches Warning events (and takes Alertmanager webhooks), keeps
 * one {@code Incident} resource per failing workload and cause, diagnoses it once (again only when new evidence arrives
 * after a quiet period), executes the approvals people write into the resource, and shares the work between replicas
 * through Lease-led shards. {@link io.sreagent.operator.KubernetesIncidentStore} is the workflow's store on the API
 * server.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.operator;

import org.jspecify.annotations.NullMarked;
