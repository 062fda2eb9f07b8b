/**
 * The `./sre-agent` command line (an application, not API): demo, diagnose, eval, bench.
 *
 * <p>Tier: internal; not for hosts, may change in any release.
 */
@NullMarked
package io.sreagent.cli;

import org.jspecify.annotations.NullMarked;
