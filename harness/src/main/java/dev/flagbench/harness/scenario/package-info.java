/** The tutorial's lessons as named, measured scenarios: a blocked event loop and its fix, thread limits, the spinner. */
package dev.flagbench.harness.scenario;
