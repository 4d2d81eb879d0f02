/** The concurrency-model SPI, the job and result records, and the workload semantics every model shares. */
package dev.flagbench.core;
