/** The threads model: a platform thread per item, a Semaphore for the limit, a CountDownLatch to wait. */
package dev.flagbench.threads;
