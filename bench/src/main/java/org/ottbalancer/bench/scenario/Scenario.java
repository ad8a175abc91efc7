package org.ottbalancer.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.ottbalancer.bench.target.TargetKind;

/** One benchmark scenario, run once per target it supports; results are JSON for the report. */
public interface Scenario {

    /** Short id, used for directories and JSON keys. */
    String id();

    /** The targets that can do this job (the drain exists only with the balancer). */
    default List<TargetKind> targets() {
        return List.of(TargetKind.DIRECT, TargetKind.NGINX, TargetKind.BALANCER);
    }

    /** The settings, for the report. */
    ObjectNode settings();

    /** Runs against a fresh {@code target} and returns its figures. */
    ObjectNode run(TargetKind target) throws Exception;
}
