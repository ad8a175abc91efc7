package org.ottbalancer.e2e.kube.real;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Whether and how the OttCluster scenarios run against a real cluster, from system properties and the
 * environment. A developer's {@code KUBECONFIG} alone never selects a cluster: the run also needs the
 * explicit opt-in {@code -Dott.e2e.realCluster=true}, because the suite creates and deletes a namespace,
 * installs a Helm release and kills pods.
 *
 * @param kubeconfig   the one kubeconfig file used ({@code -Dott.e2e.kubeconfig}, else {@code KUBECONFIG})
 * @param context      its context ({@code -Dott.e2e.context}); empty means the current one
 * @param namespace    created by the suite and deleted at the end ({@code -Dott.e2e.namespace}, default ott-e2e)
 * @param registry     the repository prefix of the images ({@code -Dott.e2e.registry}, default ghcr.io/ott-balancer)
 * @param imageLoad    how the suite puts the built images into the cluster ({@code -Dott.e2e.loadImages}: none, kind[:name],
 *                     k3d[:name], registry)
 * @param imagesDir    the build's image archives ({@code -Dott.e2e.images}, default ../runtime-image/target/images)
 * @param chart        the Helm chart ({@code -Dott.e2e.chart}, default ../charts/ott-balancer)
 * @param toolImage    image with a POSIX shell that kills processes on a node ({@code -Dott.e2e.toolImage}, default busybox:1.36)
 * @param redisImage   image of the Redis the monoliths use ({@code -Dott.e2e.redisImage}, default redis:7)
 * @param path         where kubectl, helm, skopeo, kind and k3d are looked up ({@code PATH})
 */
public record RealClusterOptions(Path kubeconfig, String context, String namespace, String registry, ImageLoading.Mode imageLoad,
        Path imagesDir, Path chart, String toolImage, String redisImage, String path) {

    public static final String OPT_IN = "ott.e2e.realCluster";

    /** How to run the real-cluster suite; the message of the assumption that skips it otherwise. */
    public static final String HOW_TO_RUN = "the real-cluster suite runs only when asked: -D" + OPT_IN + "=true and a cluster in "
            + "-Dott.e2e.kubeconfig=<file> or KUBECONFIG, with the images loaded (-Dott.e2e.loadImages=kind|k3d|registry, or by hand), e.g. "
            + "mvn -B -pl e2e -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=OttClusterOnRealKubeIT "
            + "-Dfailsafe.failIfNoSpecifiedTests=false -D" + OPT_IN + "=true -Dott.e2e.loadImages=kind (see e2e/README.md)";

    /**
     * The options when the real-cluster run was asked for, empty when it was not. Asked for but not
     * runnable (no kubeconfig, a list of them, a missing file) is an error naming what to fix.
     */
    public static Optional<RealClusterOptions> from(Properties props, Map<String, String> env) {
        if (!Boolean.parseBoolean(props.getProperty(OPT_IN, "false").trim())) {
            return Optional.empty();
        }
        String kubeconfig = props.getProperty("ott.e2e.kubeconfig", "").trim();
        if (kubeconfig.isEmpty()) {
            kubeconfig = env.getOrDefault("KUBECONFIG", "").trim();
        }
        if (kubeconfig.isEmpty()) {
            throw new IllegalArgumentException("-D" + OPT_IN + "=true needs the cluster's kubeconfig: -Dott.e2e.kubeconfig=<file> or KUBECONFIG");
        }
        if (kubeconfig.contains(File.pathSeparator)) {
            throw new IllegalArgumentException("KUBECONFIG lists several files (" + kubeconfig + "); name the one to use with -Dott.e2e.kubeconfig=<file>");
        }
        Path file = Path.of(kubeconfig).toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("kubeconfig " + file + " does not exist");
        }
        return Optional.of(new RealClusterOptions(file,
                props.getProperty("ott.e2e.context", "").trim(),
                props.getProperty("ott.e2e.namespace", "ott-e2e").trim(),
                stripSlash(props.getProperty("ott.e2e.registry", "ghcr.io/ott-balancer").trim()),
                ImageLoading.Mode.parse(props.getProperty("ott.e2e.loadImages", "none")),
                Path.of(props.getProperty("ott.e2e.images", "../runtime-image/target/images")).toAbsolutePath().normalize(),
                Path.of(props.getProperty("ott.e2e.chart", "../charts/ott-balancer")).toAbsolutePath().normalize(),
                props.getProperty("ott.e2e.toolImage", "busybox:1.36").trim(),
                props.getProperty("ott.e2e.redisImage", "redis:7").trim(),
                env.getOrDefault("PATH", "")));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The executable {@code name} on {@link #path()}. */
    public Path tool(String name) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return Path.of(dir, name);
            }
        }
        throw new IllegalStateException(name + " is not on the PATH (" + path + "); the real-cluster suite needs it");
    }
}
