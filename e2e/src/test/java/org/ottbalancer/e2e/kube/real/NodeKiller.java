package org.ottbalancer.e2e.kube.real;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.ottbalancer.e2e.kube.cli.Kubectl;
import org.ottbalancer.e2e.support.Await;

/**
 * SIGKILL to one container's process on a real cluster, through kubectl only. Neither {@code kubectl
 * exec} nor a debug container can do it: the images have no shell or {@code kill}, and a process in the
 * container's own PID namespace cannot SIGKILL that namespace's PID 1 (the JVM), the kernel drops the
 * signal. So a short-lived privileged pod on the container's node, in the host's PID namespace, finds
 * the processes whose cgroup names the container's ID (containerd, CRI-O and cri-dockerd all put it in
 * the cgroup path) and kills them; the kubelet then restarts the container as after any crash. The
 * namespace must admit privileged pods (PodSecurity "privileged", the default of kind and k3d).
 */
final class NodeKiller {
    /** Kills every process of container {@code $1}; fails when there is none (wrong node, or cgroups not as expected). */
    static final String SCRIPT = "found=0; for d in /proc/[0-9]*; do "
            + "if grep -q \"$1\" \"$d/cgroup\" 2>/dev/null; then kill -9 \"${d#/proc/}\" && found=1; fi; done; "
            + "if [ \"$found\" = 1 ]; then echo \"killed container $1\"; else echo \"no process of container $1 on this node\" >&2; exit 1; fi";
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final Kubectl kubectl;
    private final String toolImage;

    NodeKiller(Kubectl kubectl, String toolImage) {
        this.kubectl = kubectl;
        this.toolImage = toolImage;
    }

    /** SIGKILL to container {@code container} of pod {@code pod}; returns once the killing pod finished. */
    void kill(String pod, String container) throws Exception {
        String[] where = kubectl.ok("get", "pod", pod, "-o", "jsonpath={.spec.nodeName}|"
                + "{.status.containerStatuses[?(@.name==\"" + container + "\")].containerID}"
                + "{.status.initContainerStatuses[?(@.name==\"" + container + "\")].containerID}").split("\\|", 2);
        if (where.length != 2 || where[0].isBlank() || !where[1].contains("://")) {
            throw new AssertionError("pod " + pod + " has no running container " + container + " on a node: " + String.join("|", where));
        }
        String node = where[0];
        String containerId = where[1].substring(where[1].indexOf("://") + 3);
        String name = "ott-e2e-kill-" + Long.toString(System.currentTimeMillis(), 36) + "-" + COUNTER.incrementAndGet();
        Kubectl.Result created = kubectl.apply(manifest(name, node, containerId));
        if (!created.ok()) {
            throw new AssertionError("the pod that kills " + pod + "/" + container + " was refused (privileged pods allowed here?): "
                    + created.describe());
        }
        try {
            Await.every(Duration.ofMillis(500), "pod " + name + " on node " + node + " to kill " + pod + "/" + container,
                    Duration.ofSeconds(180), () -> phase(name).equals("Succeeded") || phase(name).equals("Failed"), () -> phase(name));
            if (!phase(name).equals("Succeeded")) {
                throw new AssertionError("killing " + pod + "/" + container + " failed: " + kubectl.run(null, "logs", "pod/" + name).describe());
            }
        } finally {
            kubectl.run(null, "delete", "pod", name, "--wait=false");
        }
    }

    private String phase(String pod) {
        try {
            return kubectl.jsonpath("pod/" + pod, "{.status.phase}");
        } catch (Exception e) {
            return "";
        }
    }

    String manifest(String name, String node, String containerId) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels:
                    app.kubernetes.io/name: ott-e2e-killer
                spec:
                  nodeName: %s
                  hostPID: true
                  restartPolicy: Never
                  terminationGracePeriodSeconds: 0
                  tolerations:
                    - operator: Exists
                  containers:
                    - name: kill
                      image: %s
                      command: ["sh", "-c", %s, "kill-container", "%s"]
                      securityContext:
                        privileged: true
                """.formatted(name, node, toolImage, yamlString(SCRIPT), containerId);
    }

    /** A YAML double-quoted scalar. */
    static String yamlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
