package org.ottbalancer.e2e.kube.service;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * kube-proxy for Services with a selector and a cluster IP (headless Services need none): one
 * {@link ServicePortSpreader} per Service port, whose endpoints are the Ready, not terminating pods
 * the selector matches, at the container port the {@code targetPort} names.
 */
public final class ServiceProxies implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final Map<String, ServicePortSpreader> spreaders = new ConcurrentHashMap<>();

    public void sync(List<Service> services, List<Pod> pods) throws InterruptedException {
        Set<String> wanted = new HashSet<>();
        for (Service s : services) {
            if (s.getSpec().getSelector() == null || s.getSpec().getSelector().isEmpty() || "None".equals(s.getSpec().getClusterIP())) {
                continue;
            }
            for (ServicePort port : s.getSpec().getPorts()) {
                String key = key(s.getMetadata().getNamespace(), s.getMetadata().getName(), port.getPort());
                wanted.add(key);
                ServicePortSpreader spreader = spreaders.get(key);
                if (spreader == null) {
                    spreader = ServicePortSpreader.start(group, key);
                    spreaders.put(key, spreader);
                    System.out.printf("[kube] service %s is 127.0.0.1:%d%n", key, spreader.port());
                }
                spreader.endpoints(endpoints(s, port, pods));
            }
        }
        for (String key : new ArrayList<>(spreaders.keySet())) {
            if (!wanted.contains(key)) {
                spreaders.remove(key).close();
            }
        }
    }

    private static List<ServicePortSpreader.Endpoint> endpoints(Service s, ServicePort port, List<Pod> pods) {
        List<ServicePortSpreader.Endpoint> out = new ArrayList<>();
        for (Pod p : pods) {
            if (!s.getMetadata().getNamespace().equals(p.getMetadata().getNamespace()) || !matches(s.getSpec().getSelector(), p)
                    || p.getMetadata().getDeletionTimestamp() != null || p.getStatus() == null || p.getStatus().getPodIP() == null
                    || !ready(p)) {
                continue;
            }
            Integer target = targetPort(port, p);
            if (target != null) {
                out.add(new ServicePortSpreader.Endpoint(p.getStatus().getPodIP(), target));
            }
        }
        return out;
    }

    private static boolean matches(Map<String, String> selector, Pod p) {
        Map<String, String> labels = p.getMetadata().getLabels();
        return labels != null && selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static boolean ready(Pod p) {
        return p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static Integer targetPort(ServicePort port, Pod p) {
        IntOrString target = port.getTargetPort();
        if (target == null) {
            return port.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        List<Container> containers = new ArrayList<>(p.getSpec().getContainers());
        if (p.getSpec().getInitContainers() != null) {
            containers.addAll(p.getSpec().getInitContainers());
        }
        for (Container c : containers) {
            for (ContainerPort cp : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                if (target.getStrVal().equals(cp.getName())) {
                    return cp.getContainerPort();
                }
            }
        }
        return null;
    }

    private static String key(String namespace, String service, int port) {
        return namespace + "/" + service + ":" + port;
    }

    /** The local port standing for {@code service}'s port {@code port}, once the Service exists. */
    public Optional<ServicePortSpreader> spreader(String namespace, String service, int port) {
        return Optional.ofNullable(spreaders.get(key(namespace, service, port)));
    }

    @Override
    public void close() {
        for (ServicePortSpreader s : spreaders.values()) {
            s.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
