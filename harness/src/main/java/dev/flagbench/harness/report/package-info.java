/** Reports read from run.json alone: report.md, index.html, charts, and the comparison of two runs. */
package dev.flagbench.harness.report;
