/** The local mock HTTP server every download trial runs against: deterministic flags and PEPs, seeded faults, exact counters. */
package dev.flagbench.core.mock;
