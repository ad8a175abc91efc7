package org.ottbalancer.e2e.kube.workload;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every process the harness starts, so that none outlives the test JVM: a failed test, a timeout or
 * Ctrl-C still ends them (with their own children, such as a preStop hook's curl) in a shutdown hook.
 */
public final class ChildProcesses {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::killAll, "kill-child-processes"));
    }

    private ChildProcesses() {
    }

    public static Process track(Process p) {
        RUNNING.add(p);
        p.onExit().thenRun(() -> RUNNING.remove(p));
        return p;
    }

    /** SIGKILL to a process and everything it started. */
    public static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    public static void killAll() {
        for (Process p : RUNNING) {
            kill(p);
        }
    }
}
