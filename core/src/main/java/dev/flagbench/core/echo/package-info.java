/** The echo workload: the server contract, the Netty baseline server and the load generator. */
package dev.flagbench.core.echo;
