/**
 * The benchmarks behind `./sre-agent bench` (an application, not API).
 *
 * <p>Tier: internal; not for hosts, may change in any release.
 */
@NullMarked
package io.sreagent.cli.bench;

import org.jspecify.annotations.NullMarked;
