package org.ottbalancer.balancer.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;
import org.ottbalancer.balancer.config.SelectionStrategyConfig;

class SelectionStrategiesTest {

    @Test
    void minRoomsConfigBuildsTheMinRoomsStrategy() {
        assertInstanceOf(MinRoomsStrategy.class, SelectionStrategies.from(new SelectionStrategyConfig.MinRooms()));
    }

    @Test
    void randomConfigBuildsTheRandomStrategy() {
        assertInstanceOf(RandomStrategy.class, SelectionStrategies.from(new SelectionStrategyConfig.Random()));
    }

    @Test
    void hashRingConfigBuildsAHashRingWithItsWeight() {
        SelectionStrategy strategy = SelectionStrategies.from(new SelectionStrategyConfig.HashRing(5));

        assertEquals(5, assertInstanceOf(HashRingStrategy.class, strategy).weight());
    }

    @Test
    void hashRingWeightZeroIsClampedToOne() {
        SelectionStrategy strategy = SelectionStrategies.from(new SelectionStrategyConfig.HashRing(0));

        assertEquals(1, assertInstanceOf(HashRingStrategy.class, strategy).weight());
    }

    @Test
    void boundedLoadConfigBuildsABoundedLoadStrategyWithItsFactor() {
        SelectionStrategy strategy = SelectionStrategies.from(new SelectionStrategyConfig.BoundedLoad(1.5));

        assertEquals(1.5, assertInstanceOf(BoundedLoadStrategy.class, strategy).loadFactor());
    }
}
