package org.ottbalancer.operator.status;

/** The condition types of an OttCluster's status. */
public enum ConditionType {
    /** Every dependent resource exists and every balancer and monolith pod asked for is available. */
    Ready,
    /** A balancer or monolith rollout (or scale-up) is under way. */
    Progressing,
    /** A monolith is being drained before it stops; set by the drain orchestration. */
    Draining,
    /** Something needs a person: an invalid spec, a failing reconciliation, a stuck rollout. */
    Degraded
}
