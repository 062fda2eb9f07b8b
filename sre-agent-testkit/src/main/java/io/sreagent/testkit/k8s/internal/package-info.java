/**
 * Internals of the embedded Kubernetes API server (request routing, dry-run, pod logs); not API.
 */
package io.sreagent.testkit.k8s.internal;
