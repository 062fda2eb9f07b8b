/** Named, parameterised PromQL queries an SRE runs for a workload (memory vs limit, throttling, errors, HPA...). */
package io.sreagent.prometheus.catalog;
