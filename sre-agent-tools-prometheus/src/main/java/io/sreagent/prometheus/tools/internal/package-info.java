/** Argument parsing and result summaries of the Prometheus tools; not API. */
package io.sreagent.prometheus.tools.internal;
