package org.ottbalancer.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How this host confines a process to an unpacked image, the way a container runtime would without
 * one being installed: util-linux {@code unshare} gives it its own mount and PID namespaces (so it is
 * PID 1 and sees its own {@code /proc}), the host's {@code /dev} is bound in, and the process is
 * chrooted into the image's root file system, in its working directory, as its user. The network
 * namespace stays the host's, so tests reach the process on loopback.
 */
enum Isolation {
    /** Run as root: the process takes the image's user (the real test of "runs as non-root"). */
    ROOT,
    /**
     * Run unprivileged inside a user namespace that maps the caller to root. The image's user does
     * not exist there, so the process runs as the mapped root; everything else is the same.
     */
    USER_NAMESPACE;

    /** Mounts /proc and /dev, then chroots and switches user; the host's shell, not the image's. */
    private static final String ENTER = String.join("\n",
            "r=$1 wd=$2 u=$3 g=$4; shift 4",
            "mount -t proc proc \"$r/proc\" && mount --rbind /dev \"$r/dev\" || exit 125",
            "if [ -n \"$u\" ]; then exec unshare --root=\"$r\" --wd=\"$wd\" --setgid=\"$g\" --setuid=\"$u\" -- \"$@\"; fi",
            "exec unshare --root=\"$r\" --wd=\"$wd\" -- \"$@\"");

    private static final Optional<Isolation> AVAILABLE = detect();

    /** The isolation this host supports, or empty (tests skip with {@link #unavailableReason()}). */
    static Optional<Isolation> available() {
        return AVAILABLE;
    }

    static String unavailableReason() {
        return "cannot confine a process to an unpacked image here: 'unshare --mount --pid --fork' and mounting /proc "
                + "failed both as root and in a user namespace (util-linux unshare is needed, and a kernel or "
                + "sandbox that allows namespaces); the image tests are skipped";
    }

    /**
     * The host command that runs {@code command} inside {@code rootfs}.
     *
     * @param user {@code uid:gid} from the image, ignored in a user namespace
     */
    List<String> command(Path rootfs, String workingDirectory, String user, List<String> command) {
        String[] ids = user.split(":", 2);
        List<String> c = new ArrayList<>(List.of("unshare"));
        if (this == USER_NAMESPACE) {
            c.add("--map-root-user");
        }
        c.addAll(List.of("--mount", "--pid", "--fork", "--kill-child=SIGTERM", "--", "/bin/sh", "-c", ENTER, "enter",
                rootfs.toString(), workingDirectory,
                this == ROOT ? ids[0] : "", this == ROOT ? ids[ids.length - 1] : ""));
        c.addAll(command);
        return c;
    }

    /** Creates the mount points a container runtime would provide. */
    static void prepareMountPoints(Path rootfs) {
        Files2.createDirectories(rootfs.resolve("proc"));
        Files2.createDirectories(rootfs.resolve("dev"));
    }

    private static Optional<Isolation> detect() {
        Path probe;
        try {
            probe = Files.createTempDirectory("isolation-probe");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            prepareMountPoints(probe);
            List<Isolation> candidates = isRoot() ? List.of(ROOT, USER_NAMESPACE) : List.of(USER_NAMESPACE);
            for (Isolation i : candidates) {
                // Everything but the final chroot, which would need a program inside the probe.
                List<String> c = new ArrayList<>(List.of("unshare"));
                if (i == USER_NAMESPACE) {
                    c.add("--map-root-user");
                }
                c.addAll(List.of("--mount", "--pid", "--fork", "--", "/bin/sh", "-c",
                        "mount -t proc proc \"$1/proc\" && mount --rbind /dev \"$1/dev\" && test -e \"$1/proc/self\"",
                        "probe", probe.toString()));
                if (Commands.tryRun(c).exitCode() == 0) {
                    return Optional.of(i);
                }
            }
            return Optional.empty();
        } finally {
            Files2.deleteRecursively(probe);
        }
    }

    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
