/**
 * The workflow's deterministic agents; not API: they may change in any release. Compose the workflow through SreWorkflow.Builder.
 *
 * <p>Tier: internal; not for hosts, may change in any release.
 */
@NullMarked
package io.sreagent.workflow.internal.agents;

import org.jspecify.annotations.NullMarked;
