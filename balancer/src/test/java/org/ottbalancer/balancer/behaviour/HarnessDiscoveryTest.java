package org.ottbalancer.balancer.behaviour;

import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.config.DiscoveryConfig;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.HarnessController;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;

/** Spec §6.5: the {@code harness} discovery method, driven by a controller over a WebSocket on {@code [::1]}. */
class HarnessDiscoveryTest {
    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    private RunningBalancer balancerWithHarnessDiscovery(int harnessPort) {
        return fx.balancerUsingConfiguredDiscovery(c -> c.withDiscovery(new DiscoveryConfig.Harness(harnessPort)));
    }

    @Test
    void harnessFrameReplacesTheWholeMonolithList() {
        int harnessPort = BalancerFixture.freeIpv6LoopbackPort();
        RunningBalancer b = balancerWithHarnessDiscovery(harnessPort);
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        HarnessController controller = fx.track(HarnessController.connect(harnessPort, WAIT));

        controller.setMonoliths(m1, m2);
        b.awaitRegistered(m1, m2);
        controller.setMonoliths(m2);

        b.awaitUnregistered(m1);
    }

    @Test
    void unparseableHarnessFrameIsIgnored() {
        int harnessPort = BalancerFixture.freeIpv6LoopbackPort();
        RunningBalancer b = balancerWithHarnessDiscovery(harnessPort);
        MockMonolith m = fx.monolith();
        HarnessController controller = fx.track(HarnessController.connect(harnessPort, WAIT));

        controller.sendRaw("this is not a list");
        controller.setMonoliths(m);

        b.awaitRegistered(m);
    }

    @Test
    void lastListIsKeptWhenTheControllerLeavesAndTheNextControllerTakesOver() {
        int harnessPort = BalancerFixture.freeIpv6LoopbackPort();
        RunningBalancer b = balancerWithHarnessDiscovery(harnessPort);
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        HarnessController first = HarnessController.connect(harnessPort, WAIT);
        first.setMonoliths(m1);
        b.awaitRegistered(m1);

        first.close();
        HarnessController second = fx.track(HarnessController.connect(harnessPort, WAIT));
        second.setMonoliths(m1, m2);

        b.awaitRegistered(m1, m2);
    }
}
