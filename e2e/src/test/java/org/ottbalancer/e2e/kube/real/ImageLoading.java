package org.ottbalancer.e2e.kube.real;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The commands that put the build's OCI image archives into a cluster under the names the suite
 * uses: into a kind or k3d cluster's nodes (converted to {@code docker-archive} with skopeo first,
 * carrying every name of the image), or pushed to a registry with skopeo. The suite runs them when
 * {@code -Dott.e2e.loadImages} asks for it and prints them otherwise, for loading by hand.
 */
public final class ImageLoading {

    /** How images reach the cluster. {@code cluster} is the kind or k3d cluster's name. */
    public record Mode(String kind, String cluster) {
        public static Mode parse(String text) {
            String t = text.trim().toLowerCase(Locale.ROOT);
            int colon = t.indexOf(':');
            String kind = colon < 0 ? t : t.substring(0, colon);
            String name = colon < 0 ? "" : text.trim().substring(colon + 1);
            switch (kind) {
                case "none", "registry":
                    return new Mode(kind, "");
                case "kind":
                    return new Mode(kind, name.isEmpty() ? "kind" : name);
                case "k3d":
                    return new Mode(kind, name.isEmpty() ? "k3s-default" : name);
                default:
                    throw new IllegalArgumentException("-Dott.e2e.loadImages=" + text + ": expected none, kind[:cluster], k3d[:cluster] or registry");
            }
        }

        public boolean loads() {
            return !kind.equals("none");
        }
    }

    private ImageLoading() {
    }

    /** Command lines (tool names first, resolved by the caller) loading {@code images}; {@code work} holds converted archives. */
    public static List<List<String>> commands(Mode mode, List<BuiltImages.Image> images, Path work) {
        List<List<String>> out = new ArrayList<>();
        for (BuiltImages.Image image : images) {
            if (mode.kind().equals("registry")) {
                for (String ref : image.references()) {
                    out.add(List.of("skopeo", "copy", "oci-archive:" + image.archive(), "docker://" + ref));
                }
                continue;
            }
            if (mode.kind().equals("none")) {
                continue;
            }
            Path docker = work.resolve(image.name() + ".docker.tar");
            List<String> convert = new ArrayList<>(List.of("skopeo", "copy"));
            for (String extra : image.references().subList(1, image.references().size())) {
                convert.add("--additional-tag=" + extra);
            }
            convert.add("oci-archive:" + image.archive());
            convert.add("docker-archive:" + docker + ":" + image.references().get(0));
            out.add(convert);
            if (mode.kind().equals("kind")) {
                out.add(List.of("kind", "load", "image-archive", docker.toString(), "--name", mode.cluster()));
            } else {
                out.add(List.of("k3d", "image", "import", docker.toString(), "--cluster", mode.cluster()));
            }
        }
        return out;
    }
}
