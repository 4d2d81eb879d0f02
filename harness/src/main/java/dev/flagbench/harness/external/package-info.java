/** Models that are external programs (the tutorial's Python models): declared by descriptors, run under the trial protocol. */
package dev.flagbench.harness.external;
