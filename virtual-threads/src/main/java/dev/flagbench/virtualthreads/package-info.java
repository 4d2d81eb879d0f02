/** The virtual-threads model: a virtual thread per item and a Semaphore, written as plain blocking code. */
package dev.flagbench.virtualthreads;
