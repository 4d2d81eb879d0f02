/** Reports written from run.json (placeholder on the harness branch; the reports helper's code replaces it). */
package dev.flagbench.harness.report;
