/** One trial in its own forked JVM: the spec the harness writes, the trial's main class and its result. */
package dev.flagbench.harness.trial;
