package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.Optional;
import org.ottbalancer.operator.model.PodTemplateExtras;

/**
 * The security settings of every pod the operator creates: a non-root user, no privilege escalation,
 * no capabilities, the runtime's default seccomp profile and a read-only root filesystem with a
 * writable {@code /tmp} per container. A component's {@code podTemplate} may replace the pod's and its
 * main container's context as a whole; our own agent container always keeps the defaults, which hold
 * for whatever user the pod runs as.
 */
final class PodSecurity {
    /** The user and group our images run as (the distroless "nonroot" user). */
    static final long NON_ROOT_ID = 65532;
    static final String TMP = "/tmp";
    /**
     * Bound of our JVMs' {@code /tmp}: they only keep hsperfdata and native libraries there. The
     * monolith's is unbounded, since what a foreign image writes there is unknown.
     */
    static final Quantity JVM_TMP_LIMIT = new Quantity("64Mi");

    private PodSecurity() {
    }

    static PodSecurityContext pod(PodTemplateExtras extras) {
        if (extras.getPodSecurityContext() != null) {
            return new PodSecurityContextBuilder(extras.getPodSecurityContext()).build();
        }
        return new PodSecurityContextBuilder()
                .withRunAsNonRoot(true)
                .withRunAsUser(NON_ROOT_ID)
                .withRunAsGroup(NON_ROOT_ID)
                // emptyDir and projected volumes become group-owned by it
                .withFsGroup(NON_ROOT_ID)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .build();
    }

    /** The component's main container: the spec's replacement, else {@link #hardened()}. */
    static SecurityContext mainContainer(PodTemplateExtras extras) {
        if (extras.getContainerSecurityContext() != null) {
            return new SecurityContextBuilder(extras.getContainerSecurityContext()).build();
        }
        return hardened();
    }

    static SecurityContext hardened() {
        return new SecurityContextBuilder()
                .withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withReadOnlyRootFilesystem(true)
                .build();
    }

    /** A writable {@code /tmp} for one container, with the root filesystem read-only. */
    static Volume tmpVolume(String name, Optional<Quantity> sizeLimit) {
        return new VolumeBuilder()
                .withName(name)
                .withNewEmptyDir().withSizeLimit(sizeLimit.orElse(null)).endEmptyDir()
                .build();
    }

    static VolumeMount tmpMount(String volume) {
        return new VolumeMountBuilder().withName(volume).withMountPath(TMP).build();
    }
}
