/** Helpers of this module that are not API: error mapping, argument parsing, quantities and timestamps. */
package io.sreagent.k8s.internal;
