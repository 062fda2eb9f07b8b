/** The read-only {@code k8s.*} tools: pods, owners, events, describe-style summaries, logs, lists and analyses. */
package io.sreagent.k8s.read;
