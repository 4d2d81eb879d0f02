/** The reactive models: Project Reactor pipelines on reactor-netty's non-blocking HTTP client. */
package dev.flagbench.reactive;
