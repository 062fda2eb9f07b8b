/**
 * The Alertmanager webhook payload and its mapping to an incident trigger.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.prometheus.alertmanager;

import org.jspecify.annotations.NullMarked;
