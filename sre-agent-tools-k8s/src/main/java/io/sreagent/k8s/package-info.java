/**
 * Kubernetes for sre-agent: the {@code k8s.*} tools over a fabric8 {@code KubernetesClient}, their configuration
 * ({@link io.sreagent.k8s.KubernetesToolsConfig}) and the ServiceLoader entry
 * ({@link io.sreagent.k8s.KubernetesToolProvider}); {@link io.sreagent.k8s.KubernetesTools} registers them explicitly.
 *
 * <p>Tier: API.
 */
@NullMarked
package io.sreagent.k8s;

import org.jspecify.annotations.NullMarked;
