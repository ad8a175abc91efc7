package org.ottbalancer.operator.model;

/** The balancer's placement strategy for new rooms (its {@code selection_strategy.strategy}). */
public enum SelectionStrategy {
    MinRooms,
    HashRing,
    Random
}
