package dev.flagbench.harness.data;

import java.util.List;

/**
 * The machine, OS limits and JDK a run measured.
 *
 * @param cpuModel from /proc/cpuinfo
 * @param cpus available processors
 * @param memoryBytes total memory
 * @param kernel {@code os.name os.version os.arch}
 * @param openFilesLimit the per-process open-file limit (soft)
 * @param pidMax /proc/sys/kernel/pid_max
 * @param jdk {@code java.vm.vendor java.vm.name java.runtime.version} of the trial JVMs
 * @param javaCommand the java executable the trials were forked with
 * @param trialJvmArgs the JVM options every trial JVM got
 * @param gitCommit the commit of the code that ran (with "-dirty" if modified), or "unknown"
 * @param hostname the host's name
 */
public record Environment(String cpuModel, int cpus, long memoryBytes, String kernel, long openFilesLimit,
                          int pidMax, String jdk, String javaCommand, List<String> trialJvmArgs, String gitCommit,
                          String hostname) {
    /** Copies the list. */
    public Environment {
        trialJvmArgs = List.copyOf(trialJvmArgs);
    }
}
