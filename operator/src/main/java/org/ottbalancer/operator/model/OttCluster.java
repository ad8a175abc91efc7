package org.ottbalancer.operator.model;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * An OTT cluster: balancers, monoliths with their agents, and the registry that connects them.
 * Printer columns are ordered by their JSON path by the CRD generator, which is why Age comes first.
 */
@Group(OttCluster.GROUP)
@Version(OttCluster.VERSION)
@Plural("ottclusters")
@Singular("ottcluster")
@ShortNames("ott")
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Monoliths", jsonPath = ".spec.monolith.replicas",
        type = AdditionalPrinterColumn.Type.INTEGER, getDescription = "Monolith pods asked for")
@AdditionalPrinterColumn(name = "Monoliths-Ready", jsonPath = ".status.readyMonoliths",
        type = AdditionalPrinterColumn.Type.INTEGER, getDescription = "Monolith pods ready")
@AdditionalPrinterColumn(name = "Balancers", jsonPath = ".status.balancers.ready",
        type = AdditionalPrinterColumn.Type.INTEGER, getDescription = "Balancer pods ready")
@AdditionalPrinterColumn(name = "Rooms", jsonPath = ".status.rooms",
        type = AdditionalPrinterColumn.Type.INTEGER, getDescription = "Rooms across all monoliths")
@AdditionalPrinterColumn(name = "Users", jsonPath = ".status.users",
        type = AdditionalPrinterColumn.Type.INTEGER, getDescription = "Users across all monoliths")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
        type = AdditionalPrinterColumn.Type.STRING, getDescription = "The Ready condition")
public class OttCluster extends CustomResource<OttClusterSpec, OttClusterStatus> implements Namespaced {
    private static final long serialVersionUID = 1L;

    public static final String GROUP = "ottbalancer.org";
    public static final String VERSION = "v1alpha1";
    public static final String CRD_NAME = "ottclusters." + GROUP;

    @Override
    protected OttClusterSpec initSpec() {
        return new OttClusterSpec();
    }

    @Override
    protected OttClusterStatus initStatus() {
        return new OttClusterStatus();
    }
}
