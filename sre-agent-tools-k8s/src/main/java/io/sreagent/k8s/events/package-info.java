/**
 * Incidents from cluster events: {@link io.sreagent.k8s.events.EventSource} watches Events and pod status through
 * informers and publishes what the pure {@link io.sreagent.k8s.events.IncidentCorrelator} opens.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.k8s.events;

import org.jspecify.annotations.NullMarked;
