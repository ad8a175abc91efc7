package org.ottbalancer.bench.target;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The programs the benchmark starts, found once per run.
 *
 * @param java the JVM running the driver; children use the same one so every JVM compares alike
 * @param classPath the driver's class path, which also holds the monoliths and the agent
 * @param balancerJar the balancer's runnable jar, started as the production balancer would be
 * @param nginx the nginx binary, or null when not installed (the nginx rows then report that)
 * @param wrk the wrk binary, or null when not installed (the HTTP rows then report that)
 * @param maxOpenFiles the descriptor limit of this process, which the children inherit
 */
public record Tools(Path java, String classPath, Path balancerJar, Path nginx, Path wrk, int maxOpenFiles) {

    /** Finds the programs for the repository at {@code repoRoot}. */
    public static Tools detect(Path repoRoot, int maxOpenFiles) {
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        return new Tools(java, System.getProperty("java.class.path"), repoRoot.resolve("balancer/target/ott-balancer.jar"),
                findOnPath("nginx", "/usr/sbin/nginx"), findOnPath("wrk", "/usr/bin/wrk"), maxOpenFiles);
    }

    /**
     * {@code name} on the PATH, or at {@code usual}, or null. The sbin directories are appended
     * because a non-root PATH usually lacks them, and Debian installs nginx there.
     */
    private static Path findOnPath(String name, String usual) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin";
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        Path u = Path.of(usual);
        return Files.isExecutable(u) ? u : null;
    }
}
