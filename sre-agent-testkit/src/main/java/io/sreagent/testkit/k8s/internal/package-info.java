/**
 * Internals of the embedded Kubernetes API server (request routing, dry-run, pod logs); not API.
 *
 * <p>Tier: internal; not for hosts, may change in any release.
 */
@NullMarked
package io.sreagent.testkit.k8s.internal;

import org.jspecify.annotations.NullMarked;
