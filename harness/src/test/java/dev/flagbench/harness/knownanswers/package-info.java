/** Test-only models with known answers, which prove the measurement method: a fixed pool's knee, a CPU cost. */
package dev.flagbench.harness.knownanswers;
