/**
 * Records a live incident as a scenario directory ({@code ./sre-agent snapshot}): the objects around a resource, its
 * events, the metric catalog's raw series and the logs, with secret values left out and everything redacted.
 *
 * <p>Tier: internal; the command line's implementation, not for hosts, may change in any release.
 */
@NullMarked
package io.sreagent.cli.snapshot;

import org.jspecify.annotations.NullMarked;
