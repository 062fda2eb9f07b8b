/** A client of the Prometheus HTTP API over okhttp, with typed results and typed failures. */
package io.sreagent.prometheus.client;
