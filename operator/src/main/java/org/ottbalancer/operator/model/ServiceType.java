package org.ottbalancer.operator.model;

/** Kubernetes Service types the balancer Service may have. */
public enum ServiceType {
    ClusterIP,
    NodePort,
    LoadBalancer
}
