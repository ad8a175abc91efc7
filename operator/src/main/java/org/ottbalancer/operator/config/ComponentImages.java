package org.ottbalancer.operator.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Properties;
import org.ottbalancer.operator.model.Defaults;

/**
 * The images used when an OttCluster names none: {@code ghcr.io/ott-balancer/<name>:<operator
 * version>}, so an operator upgrade also moves clusters that follow the defaults. Each can be replaced
 * with an environment variable (for mirrors and air-gapped registries).
 */
public record ComponentImages(String balancer, String agent, String monolith) {
    public static final String BALANCER_ENV = "OTT_BALANCER_IMAGE";
    public static final String AGENT_ENV = "OTT_MONOLITH_AGENT_IMAGE";
    public static final String MONOLITH_ENV = "OTT_MONOLITH_IMAGE";

    /** Defaults for the given tag, unless the environment names an image. */
    public static ComponentImages fromEnvironment(Map<String, String> env, String tag) {
        return new ComponentImages(
                env.getOrDefault(BALANCER_ENV, Defaults.IMAGE_REGISTRY + Defaults.BALANCER_IMAGE_NAME + ":" + tag),
                env.getOrDefault(AGENT_ENV, Defaults.IMAGE_REGISTRY + Defaults.AGENT_IMAGE_NAME + ":" + tag),
                env.getOrDefault(MONOLITH_ENV, Defaults.IMAGE_REGISTRY + Defaults.MONOLITH_IMAGE_NAME + ":" + tag));
    }

    public static ComponentImages forVersion(String tag) {
        return fromEnvironment(Map.of(), tag);
    }

    /** The operator's own version, written into the jar at build time. */
    public static String operatorVersion() {
        try (InputStream in = ComponentImages.class.getResourceAsStream("/ott-operator.properties")) {
            if (in == null) {
                throw new IllegalStateException("ott-operator.properties is missing from the operator's classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read ott-operator.properties", e);
        }
    }
}
