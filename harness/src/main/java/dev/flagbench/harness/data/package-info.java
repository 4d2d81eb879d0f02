/** The run.json schema: records that Jackson writes and reads, the single source of every report. */
package dev.flagbench.harness.data;
