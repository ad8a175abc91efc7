package org.ottbalancer.e2e.kube.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a pod's network namespace and filesystem would give its containers, translated for processes
 * that share the host's:
 *
 * <ul>
 *   <li><b>Loopback is the pod's address.</b> Containers of a pod reach each other on 127.0.0.1; here
 *       every pod has its own {@code 127.0.0.x}, so "127.0.0.1" in an environment value or a hook's
 *       command line becomes the pod IP (the agent's {@code AGENT_MONOLITH=127.0.0.1:3002}, the
 *       preStop script's {@code http://127.0.0.1:9091/...}). Only that exact address is rewritten,
 *       not {@code 127.0.0.10}.
 *   <li><b>Listeners bind the pod IP.</b> In a pod they bind every interface of their own namespace;
 *       here that would collide with the other pods, so each process is told to bind the pod IP with
 *       the variables the three programs read: {@code BIND_ADDRESS} (monolith), {@code AGENT_BIND}
 *       and {@code AGENT_PRESTOP_BIND} (agent), {@code BALANCER_BIND} (balancer).
 *   <li><b>Volumes are directories.</b> A mount path at the start of a value becomes the pod's local
 *       directory for that volume (the drain token file).
 *   <li><b>In-cluster credentials are the harness kubeconfig</b> ({@code KUBECONFIG}), which fabric8
 *       reads when there is no service-account token: the balancers' registry informer uses it.
 * </ul>
 */
public final class PodNetwork {
    private static final Pattern LOOPBACK = Pattern.compile("(?<![0-9.])127\\.0\\.0\\.1(?![0-9])");
    static final List<String> BIND_VARIABLES = List.of("BIND_ADDRESS", "AGENT_BIND", "AGENT_PRESTOP_BIND", "BALANCER_BIND");

    private final String podIp;
    private final Map<String, String> mounts;

    /** @param mounts container mount path to local directory, longest paths first is not required */
    public PodNetwork(String podIp, Map<String, String> mounts) {
        this.podIp = podIp;
        this.mounts = Map.copyOf(mounts);
    }

    public String podIp() {
        return podIp;
    }

    /** One value as the container would see it, translated to this host. */
    public String translate(String value) {
        if (value == null) {
            return null;
        }
        String v = LOOPBACK.matcher(value).replaceAll(Matcher.quoteReplacement(podIp));
        for (Map.Entry<String, String> m : mounts.entrySet()) {
            if (v.equals(m.getKey()) || v.startsWith(m.getKey() + "/")) {
                return m.getValue() + v.substring(m.getKey().length());
            }
        }
        return v;
    }

    public List<String> translate(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(translate(v));
        }
        return out;
    }

    /** The container's variables translated, plus the bind variables and KUBECONFIG. */
    public Map<String, String> environment(Map<String, String> containerEnv, String kubeconfig) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : containerEnv.entrySet()) {
            env.put(e.getKey(), translate(e.getValue()));
        }
        for (String bind : BIND_VARIABLES) {
            env.put(bind, podIp);
        }
        env.put("KUBECONFIG", kubeconfig);
        return env;
    }
}
