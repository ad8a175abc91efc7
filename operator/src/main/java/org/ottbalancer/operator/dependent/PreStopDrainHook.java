package org.ottbalancer.operator.dependent;

import java.util.List;
import org.ottbalancer.operator.model.Defaults;

/**
 * The monolith container's preStop command: ask the agent in the same pod to drain and wait for it,
 * so a monolith stopped by a rollout, an eviction or a scale-down gives its rooms away before it gets
 * SIGTERM.
 *
 * <p>Why {@code exec} and this shape: kubelet runs {@code httpGet} hooks from the node against the
 * pod IP, so they can neither POST nor reach the agent's loopback-only preStop listener. The command
 * therefore runs inside the monolith container, whose image is not ours; the default script uses the
 * first HTTP client it finds there (curl, BusyBox or GNU wget, Node.js 18+ {@code fetch}, or bash's
 * {@code /dev/tcp}) and fails with a message naming {@code spec.monolith.preStopCommand} when there is
 * none. Its exit status only shows up as a FailedPreStopHook event; the grace period bounds it.
 *
 * <p>The project's own sample monolith image has no shell and no HTTP client (a jlink runtime and
 * its jar, nothing else), so for that image the hook runs the jar's {@code drain-agent} command
 * with the image's own JVM instead; a small heap keeps the second JVM inside the container's
 * memory limit.
 */
public final class PreStopDrainHook {
    /** The agent's preStop listener: loopback of the pod, no token. */
    static final String LISTENER = "http://127.0.0.1:" + Defaults.AGENT_PRESTOP_PORT;
    static final String URL = LISTENER + "/drain?wait=true";

    private static final String SCRIPT = String.join("\n",
            "url='" + URL + "'",
            "if command -v curl >/dev/null 2>&1; then exec curl -fsS -X POST \"$url\"",
            "elif command -v wget >/dev/null 2>&1; then exec wget -q -O - --post-data='' \"$url\"",
            "elif command -v node >/dev/null 2>&1; then exec node -e "
                    + "\"fetch(process.argv[1],{method:'POST'}).then(r=>process.exit(r.ok?0:1),()=>process.exit(2))\" \"$url\"",
            "elif command -v bash >/dev/null 2>&1; then exec bash -c 'exec 3<>/dev/tcp/127.0.0.1/"
                    + Defaults.AGENT_PRESTOP_PORT
                    + " && printf \"POST /drain?wait=true HTTP/1.0\\r\\nHost: 127.0.0.1\\r\\nContent-Length: 0\\r\\n\\r\\n\" >&3"
                    + " && head -n 1 <&3 | grep -q \" 20[02] \"'",
            "else echo 'no curl, wget, node or bash in the monolith image: set spec.monolith.preStopCommand' >&2; exit 1",
            "fi");

    private PreStopDrainHook() {
    }

    /** Where the project's images keep their runtime and their jar (see runtime-image/). */
    static final String IMAGE_JAVA = "/opt/java/bin/java";
    static final String SAMPLE_MONOLITH_JAR = "/app/" + Defaults.MONOLITH_IMAGE_NAME + ".jar";

    /** The default command, for images whose HTTP client the operator cannot know in advance. */
    public static List<String> defaultCommand() {
        return List.of("/bin/sh", "-c", SCRIPT);
    }

    /** The default command for the given monolith image: the sample monolith's drain client, or the script. */
    public static List<String> defaultCommand(String image) {
        if (isSampleMonolith(image)) {
            return List.of(IMAGE_JAVA, "-Xmx24m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-jar", SAMPLE_MONOLITH_JAR, "drain-agent", "--url", LISTENER, "--wait");
        }
        return defaultCommand();
    }

    /** Whether the image is the project's sample monolith, whatever registry or tag it comes from. */
    static boolean isSampleMonolith(String image) {
        if (image == null) {
            return false;
        }
        String repository = image;
        int digest = repository.indexOf('@');
        if (digest >= 0) {
            repository = repository.substring(0, digest);
        }
        int slash = repository.lastIndexOf('/');
        int colon = repository.lastIndexOf(':');
        if (colon > slash) {
            repository = repository.substring(0, colon);
        }
        return repository.substring(slash + 1).equals(Defaults.MONOLITH_IMAGE_NAME);
    }
}
