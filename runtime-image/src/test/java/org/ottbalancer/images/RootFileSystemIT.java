package org.ottbalancer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ottbalancer.images.ImageTarball.LayerEntry;

/** What is, and is not, in each image's file system, read from the layers themselves. */
class RootFileSystemIT {
    private static final Set<String> SHELLS_PACKAGE_MANAGERS_AND_DOWNLOADERS =
            Set.of("sh", "bash", "dash", "ash", "busybox", "apt", "apt-get", "dpkg", "curl", "wget");

    static List<String> images() {
        return UnpackedImage.NAMES;
    }

    @ParameterizedTest
    @MethodSource("images")
    void containsNoShellPackageManagerOrDownloadTool(String name) {
        List<String> found = entries(name).stream()
                .filter(e -> SHELLS_PACKAGE_MANAGERS_AND_DOWNLOADERS.contains(e.fileName()))
                .map(LayerEntry::path)
                .toList();
        assertEquals(List.of(), found);
    }

    @ParameterizedTest
    @MethodSource("images")
    void holdsOnlyTheRuntimeItsLibrariesTheUserAndTheApplication(String name) {
        Set<String> top = entries(name).stream()
                .map(e -> e.path().split("/")[0])
                .filter(p -> !p.isEmpty() && !p.equals("."))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(Set.of("app", "etc", "home", "lib", "lib64", "opt", "tmp")), top);
    }

    @ParameterizedTest
    @MethodSource("images")
    void definesTheNonRootUser(String name) throws IOException {
        assertTrue(Files.readAllLines(UnpackedImage.of(name).rootfs().resolve("etc/passwd"))
                .contains("nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin"));
        assertTrue(Files.readAllLines(UnpackedImage.of(name).rootfs().resolve("etc/group")).contains("nonroot:x:65532:"));
    }

    @ParameterizedTest
    @MethodSource("images")
    void letsTheNonRootUserOwnOnlyItsHome(String name) {
        List<String> notRoot = entries(name).stream()
                .filter(e -> e.uid() != 0 || e.gid() != 0)
                .map(e -> e.path() + " " + e.uid() + ":" + e.gid())
                .toList();
        assertEquals(List.of("home/nonroot 65532:65532"), notRoot);
    }

    @ParameterizedTest
    @MethodSource("images")
    void hasAWorldWritableStickyTmpForTheRuntimeAndNetty(String name) {
        List<String> tmpModes = entries(name).stream().filter(e -> e.path().equals("tmp")).map(LayerEntry::mode).toList();
        assertEquals(List.of("drwxrwxrwt"), tmpModes);
    }

    @ParameterizedTest
    @MethodSource("images")
    void keepsTheRuntimeExecutableAndEverythingElseReadOnlyForTheUser(String name) {
        List<String> writable = entries(name).stream()
                .filter(e -> e.mode().charAt(8) == 'w' && !e.path().equals("tmp"))
                .map(LayerEntry::path)
                .toList();
        assertEquals(List.of(), writable);
        assertTrue(entries(name).stream().anyMatch(e -> e.path().equals("opt/java/bin/java") && e.mode().equals("-rwxr-xr-x")));
    }

    private static List<LayerEntry> entries(String name) {
        return UnpackedImage.of(name).tarball().layerEntries();
    }
}
