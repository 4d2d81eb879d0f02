/** The contract test kit every model's tests subclass, shipped in core's test-jar, with its shared helpers. */
package dev.flagbench.core.contract;
