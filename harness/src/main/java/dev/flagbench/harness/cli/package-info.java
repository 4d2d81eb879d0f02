/** The command line: picocli subcommands for models, the mock and echo servers, flags2's download and the run. */
package dev.flagbench.harness.cli;
