/** A run of the comparison: the matrix, the machine's limits, the trials in order, run.json kept up to date. */
package dev.flagbench.harness.run;
