/**
 * The embedded Kubernetes API server holding a scenario's cluster.
 */
package io.sreagent.testkit.k8s;
