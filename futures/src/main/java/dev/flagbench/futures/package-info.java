/** The futures model: a fixed ExecutorService and CompletableFuture pipelines. */
package dev.flagbench.futures;
