/** The shared run of models whose requests complete later (CompletionStage or a Publisher bridged to one). */
package dev.flagbench.core.async;
