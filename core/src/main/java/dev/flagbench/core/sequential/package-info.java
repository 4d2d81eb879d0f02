/** The sequential reference model. */
package dev.flagbench.core.sequential;
