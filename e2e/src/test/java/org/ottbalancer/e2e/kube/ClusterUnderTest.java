package org.ottbalancer.e2e.kube;

import java.io.IOException;
import java.time.Duration;
import org.ottbalancer.e2e.kube.cli.Kubectl;

/**
 * What the OttCluster scenarios need from a Kubernetes cluster, so that the same scenario bodies run
 * on the local harness ({@link LocalKubeCluster}) and on a real cluster
 * ({@link org.ottbalancer.e2e.kube.real.RealCluster}). Everything a user would do goes through
 * {@link #kubectl()}; the rest is what a test needs beyond a user's commands: reaching a Service and a
 * pod from the test JVM, killing processes, and the cluster's images and Redis.
 */
public interface ClusterUnderTest extends AutoCloseable {

    /** kubectl against the cluster, in the scenarios' namespace. */
    Kubectl kubectl();

    /** The namespace the scenarios run in. */
    String namespace();

    /** The Redis the monoliths store rooms in, as the pods reach it. */
    String redisUri();

    /** The sample monolith image of one generation (1, then 2 for the rolling update); both run the same code. */
    String monolithImage(int generation);

    /** Starts the operator (the first time: installs it) and returns once it runs. */
    void startOperator() throws Exception;

    /** Kills the operator without any shutdown. */
    void killOperator() throws Exception;

    /** Brings the operator back after {@link #killOperator()} and returns once it runs again. */
    void restartOperator() throws Exception;

    /**
     * A local port on 127.0.0.1 reaching Service {@code name}'s port {@code port}, each connection
     * spread over its Ready endpoints; waits up to {@code timeout} for the Service to appear.
     */
    int servicePort(String name, int port, Duration timeout) throws Exception;

    /** How many Ready endpoints Service {@code name}'s port {@code port} has right now. */
    int serviceEndpoints(String name, int port) throws Exception;

    /** One container of a running pod. */
    Container container(String pod, String container) throws Exception;

    /** The body of {@code GET http://<pod>:<port><path>}, answered by the pod; an IOException when it cannot be reached. */
    String podGet(String pod, int port, String path) throws IOException, InterruptedException;

    /** Whether nothing of the pods with {@code selector} runs any more (processes ended, not only objects deleted). */
    boolean podsGone(String selector) throws Exception;

    /** What a user sees of OttCluster {@code name}. */
    default OttClusterView view(String name) {
        return new OttClusterView(kubectl(), name, this::podGet);
    }

    /** A container of a pod, as the scenarios observe and kill it. */
    interface Container {
        /** How often the kubelet restarted it. */
        int restarts() throws Exception;

        /** Whether it runs and passes its readiness probe. */
        boolean ready() throws Exception;

        /** SIGKILL to its process; the kubelet restarts it. */
        void kill() throws Exception;
    }
}
