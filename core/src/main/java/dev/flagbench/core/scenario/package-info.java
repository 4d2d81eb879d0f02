/** Variants of a model that a scenario measures beside it (a lesson's mistake and its fix), never listed as models. */
package dev.flagbench.core.scenario;
