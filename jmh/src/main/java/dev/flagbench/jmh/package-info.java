/** JMH micro-benchmarks of what one task, one hand-off and one parked task cost in each concurrency model. */
package dev.flagbench.jmh;
