package org.ottbalancer.e2e.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ottbalancer.e2e.kube.cli.Kubectl;

/**
 * What a user sees of one OttCluster through kubectl ({@code get -o jsonpath}, as the mock has no
 * watch for {@code kubectl wait}), plus the rooms each monolith pod says it holds (asked of the pod
 * through {@link PodGet}: straight to its IP locally, through the API server's pod proxy on a real
 * cluster).
 */
public final class OttClusterView {
    public static final String MONOLITH_PODS = "app.kubernetes.io/component=monolith";
    public static final String BALANCER_PODS = "app.kubernetes.io/component=balancer";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code GET http://<pod>:<port><path>}: the body, or an IOException when the pod cannot be reached. */
    @FunctionalInterface
    public interface PodGet {
        String get(String pod, int port, String path) throws IOException, InterruptedException;
    }

    private final Kubectl kubectl;
    private final String name;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final PodGet podGet;

    /** A view whose pod requests go straight to the pod IP (the test JVM reaches it: the local harness). */
    public OttClusterView(Kubectl kubectl, String name) {
        this.kubectl = kubectl;
        this.name = name;
        this.podGet = this::getFromPodIp;
    }

    public OttClusterView(Kubectl kubectl, String name, PodGet podGet) {
        this.kubectl = kubectl;
        this.name = name;
        this.podGet = podGet;
    }

    private String getFromPodIp(String pod, int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + podIp(pod) + ":" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    public String name() {
        return name;
    }

    public String field(String jsonpath) throws IOException, InterruptedException {
        return kubectl.jsonpath("ottcluster/" + name, "{" + jsonpath + "}");
    }

    public String condition(String type, String part) throws IOException, InterruptedException {
        return field(".status.conditions[?(@.type==\"" + type + "\")]." + part);
    }

    /** Ready condition True, the asked-for monoliths and balancers Ready, no drain going on. */
    public boolean settled(int monoliths, int balancers) throws IOException, InterruptedException {
        String status = kubectl.jsonpath("ottcluster/" + name, "{.status.conditions[?(@.type==\"Ready\")].status}|"
                + "{.status.readyMonoliths}|{.status.balancers.ready}|{.status.replicas}|"
                + "{.status.conditions[?(@.type==\"Draining\")].status}");
        return status.equals("True|" + monoliths + "|" + balancers + "|" + monoliths + "|False")
                && pods(MONOLITH_PODS).size() == monoliths;
    }

    public String describeStatus() throws IOException, InterruptedException {
        return kubectl.run(null, "get", "ottcluster/" + name, "-o", "jsonpath={.status}").stdout()
                + "\npods:\n" + kubectl.run(null, "get", "pods", "-o", "wide").stdout();
    }

    /** Names of the pods with {@code selector} that are not being deleted. */
    public List<String> pods(String selector) throws IOException, InterruptedException {
        String text = kubectl.run(null, "get", "pods", "-l", selector, "-o",
                "jsonpath={range .items[*]}{.metadata.name} {.metadata.deletionTimestamp}{\"\\n\"}{end}").stdout();
        List<String> names = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (!parts[0].isEmpty() && parts.length == 1) {
                names.add(parts[0]);
            }
        }
        return names;
    }

    /** Every pod with {@code selector}, terminating ones too. */
    public List<String> allPods(String selector) throws IOException, InterruptedException {
        String text = kubectl.run(null, "get", "pods", "-l", selector, "-o", "jsonpath={.items[*].metadata.name}").stdout();
        return text.isBlank() ? List.of() : Arrays.asList(text.trim().split(" "));
    }

    public String podIp(String pod) throws IOException, InterruptedException {
        return kubectl.jsonpath("pod/" + pod, "{.status.podIP}");
    }

    /** For each live monolith pod, the public rooms its monolith holds ({@code GET /api/room/list} on the pod). */
    public Map<String, List<String>> roomsByPod() throws IOException, InterruptedException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String pod : pods(MONOLITH_PODS)) {
            List<String> rooms = new ArrayList<>();
            try {
                for (JsonNode room : JSON.readTree(podGet.get(pod, 3000, "/api/room/list"))) {
                    rooms.add(room.path("name").asText());
                }
            } catch (IOException e) {
                rooms.add("<unreachable: " + e + ">");
            }
            out.put(pod, rooms);
        }
        return out;
    }

    /** Rooms of {@code rooms} not held by exactly one live monolith pod. */
    public List<String> notOnExactlyOnePod(List<String> rooms) throws IOException, InterruptedException {
        Map<String, List<String>> byPod = roomsByPod();
        List<String> wrong = new ArrayList<>();
        for (String r : rooms) {
            List<String> holders = byPod.entrySet().stream().filter(e -> e.getValue().contains(r)).map(Map.Entry::getKey).toList();
            if (holders.size() != 1) {
                wrong.add(r + " on " + holders);
            }
        }
        return wrong;
    }

    /** Creates {@code rooms} (public) through {@code port}, the balancer Service. */
    public void createRooms(int port, List<String> rooms) throws IOException, InterruptedException {
        for (String r : rooms) {
            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/room"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + r + "\",\"visibility\":\"public\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) {
                throw new AssertionError("creating room " + r + " through the balancer Service answered " + res.statusCode() + ": " + res.body());
            }
        }
    }
}
