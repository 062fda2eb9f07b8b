/**
 * The workflow's model-driven agents: triage's and the summariser's models, the orchestrator's model selection, and
 * their versioned prompts. They start from the deterministic findings and answer in validated JSON; the guard stays
 * deterministic.
 *
 * <p>Tier: internal.
 */
@NullMarked
package io.sreagent.workflow.internal.llm;

import org.jspecify.annotations.NullMarked;
