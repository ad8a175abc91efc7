package org.ottbalancer.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.SpecProblem;
import org.ottbalancer.operator.model.SpecValidator;

/**
 * The OttClusters this chart hands to users (the install guide's example, the one created from
 * values) are specs the operator accepts: they read into its model and its validator finds nothing.
 */
class OttClusterExamplesTest {

    @Test
    void installGuideExampleIsAValidSpec() {
        OttCluster cluster = Serialization.unmarshal(ChartFiles.read(ChartFiles.CHART.resolve("examples/watch-party.yaml")),
                OttCluster.class);
        assertEquals(List.<SpecProblem>of(), SpecValidator.validate(cluster));
        assertEquals(Integer.valueOf(2), cluster.getSpec().getMonolith().getReplicas());
    }

    @Test
    void ottClusterRenderedFromValuesIsAValidSpec() {
        String rendered = Helm.template(ChartFiles.VALUES.resolve("with-ottcluster.yaml"));
        String document = Manifests.parse(rendered).objects().stream().filter(o -> o.getKind().equals("OttCluster"))
                .map(Serialization::asYaml).findFirst().orElseThrow();
        OttCluster cluster = Serialization.unmarshal(document, OttCluster.class);
        assertEquals(List.<SpecProblem>of(), SpecValidator.validate(cluster));
    }
}
