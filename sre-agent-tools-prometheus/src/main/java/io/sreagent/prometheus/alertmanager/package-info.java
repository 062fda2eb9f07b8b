/** The Alertmanager webhook payload and its mapping to an incident trigger. */
package io.sreagent.prometheus.alertmanager;
