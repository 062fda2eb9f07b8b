/**
 * The embedded Kubernetes API server holding a scenario's cluster.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.testkit.k8s;

import org.jspecify.annotations.NullMarked;
