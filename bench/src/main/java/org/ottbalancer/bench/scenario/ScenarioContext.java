package org.ottbalancer.bench.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.ottbalancer.bench.Profile;
import org.ottbalancer.bench.target.HostOptions;
import org.ottbalancer.bench.target.RunningTarget;
import org.ottbalancer.bench.target.TargetKind;
import org.ottbalancer.bench.target.Tools;

/**
 * What every scenario needs: the sizes, the programs, a directory for logs, and whether to record
 * a JFR profile of the balancer.
 *
 * @param jfr record the balancer with Flight Recorder in the scenarios that profile it
 * @param balancerJvmArgs extra JVM options for every balancer started (tuning experiments)
 */
public record ScenarioContext(Profile profile, Tools tools, Path runDir, boolean jfr, List<String> balancerJvmArgs) {

    public ScenarioContext {
        balancerJvmArgs = List.copyOf(balancerJvmArgs);
    }

    /** Starts a fresh target for one scenario; logs go to {@code runDir/scenario/target}. */
    public RunningTarget start(String scenario, TargetKind kind, HostOptions options) throws IOException, InterruptedException {
        HostOptions withExtras = balancerJvmArgs.isEmpty() ? options : options.withBalancerJvmArgs(balancerJvmArgs);
        return RunningTarget.start(kind, withExtras, tools, runDir.resolve(scenario).resolve(kind.label()));
    }

    /** JVM options that make the balancer record a profile into {@code file} (dumped when it exits). */
    public List<String> jfrOptions(Path file) {
        return List.of("-XX:+FlightRecorder",
                "-XX:StartFlightRecording=filename=" + file + ",settings=profile,dumponexit=true");
    }

    public Path jfrFile(String scenario) {
        return runDir.resolve(scenario).resolve("balancer").resolve("balancer.jfr");
    }
}
