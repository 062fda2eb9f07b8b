/** The mutating and destructive {@code k8s.*} tools: dry-run first, approval required, optimistic concurrency. */
package io.sreagent.k8s.action;
