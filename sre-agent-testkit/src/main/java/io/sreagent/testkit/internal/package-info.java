/**
 * io.sreagent.testkit.internal
 *
 * <p>Tier: internal; not for hosts, may change in any release.
 */
@NullMarked
package io.sreagent.testkit.internal;

import org.jspecify.annotations.NullMarked;
