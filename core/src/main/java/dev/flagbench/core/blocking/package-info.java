/** The blocking HTTP client and per-item steps shared by the models written with blocking calls. */
package dev.flagbench.core.blocking;
