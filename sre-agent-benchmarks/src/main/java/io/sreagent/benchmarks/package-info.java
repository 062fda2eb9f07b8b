/**
 * JMH micro-benchmarks of the hot paths (internal: a measuring tool, not an API). Each benchmark builds its input
 * deterministically in its setup, from fixed seeds or the example scenarios inside the testkit jar; none reads a file
 * from outside the repository. Run them with {@code java -jar sre-agent-benchmarks/target/benchmarks.jar}; figures and
 * the exact command are in {@code BENCHMARKS.md}.
 */
@NullMarked
package io.sreagent.benchmarks;

import org.jspecify.annotations.NullMarked;
