package org.ottbalancer.operator.testing;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fabric8 CRUD mock plus what kubectl needs before it sends a single real request: API
 * discovery ({@code /version}, {@code /api}, {@code /apis} and each group version, built-in ones from
 * a fixed table, custom ones from the stored CRDs), the {@code autoscaling/v1} Scale subresource of
 * custom resources (following each CRD's replica paths), JSON content types, status writes that
 * carry a query string, and CRDs that report themselves Established.
 */
public class DiscoveryCrudDispatcher extends KubernetesCrudDispatcher {
    private static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");
    private static final String CRDS_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    /** Built-in group versions and their resources: only what the operator and the tests touch. */
    private static final Map<String, List<Map<String, Object>>> BUILT_IN = new LinkedHashMap<>();

    static {
        BUILT_IN.put("v1", List.of(
                resource("namespaces", "Namespace", false, "ns"),
                resource("configmaps", "ConfigMap", true, "cm"),
                resource("secrets", "Secret", true),
                resource("services", "Service", true, "svc"),
                resource("pods", "Pod", true, "po"),
                resource("serviceaccounts", "ServiceAccount", true, "sa"),
                resource("events", "Event", true, "ev")));
        BUILT_IN.put("apps/v1", List.of(
                resource("deployments", "Deployment", true, "deploy"),
                subresource("deployments/status", "Deployment", true),
                scaleSubresource("deployments/scale", true)));
        BUILT_IN.put("apiextensions.k8s.io/v1", List.of(
                resource("customresourcedefinitions", "CustomResourceDefinition", false, "crd", "crds"),
                subresource("customresourcedefinitions/status", "CustomResourceDefinition", false)));
        BUILT_IN.put("rbac.authorization.k8s.io/v1", List.of(
                resource("roles", "Role", true),
                resource("rolebindings", "RoleBinding", true)));
        BUILT_IN.put("networking.k8s.io/v1", List.of(resource("networkpolicies", "NetworkPolicy", true, "netpol")));
        BUILT_IN.put("policy/v1", List.of(resource("poddisruptionbudgets", "PodDisruptionBudget", true, "pdb")));
        BUILT_IN.put("coordination.k8s.io/v1", List.of(resource("leases", "Lease", true)));
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = route(request);
        // client-go falls back to protobuf decoding when a response names no content type
        if (response.header("Content-Type") == null && response.getWebSocketListener() == null) {
            response.setHeader("Content-Type", "application/json");
        }
        return response;
    }

    private MockResponse route(RecordedRequest request) {
        String path = request.getPath();
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        if (bare.endsWith("/scale")) {
            return scale(request, bare.substring(0, bare.length() - "/scale".length()));
        }
        if ("GET".equals(request.getMethod())) {
            Optional<MockResponse> discovery = discovery(bare);
            if (discovery.isPresent()) {
                return discovery.get();
            }
            return super.dispatch(request);
        }
        if (bare.endsWith("/status") && query >= 0) {
            // the mock ignores status writes whose path carries a query (kubectl adds ?fieldManager=...)
            request = new RecordedRequest(request.getHttpVersion(), request.method(), bare, request.getHeaders(),
                    request.getBody());
        }
        MockResponse response = super.dispatch(request);
        if ("POST".equals(request.getMethod()) && bare.equals(CRDS_PATH) && response.code() == 201) {
            return establish(request, response);
        }
        return response;
    }

    private Optional<MockResponse> discovery(String path) {
        if (path.equals("/version") || path.equals("/version/")) {
            return Optional.of(json(Map.of("major", "1", "minor", "32", "gitVersion", "v1.32.0",
                    "platform", "linux/amd64")));
        }
        if (path.startsWith("/openapi")) {
            return Optional.of(status(404, "NotFound", "no OpenAPI documents in the mock"));
        }
        if (path.equals("/api")) {
            return Optional.of(json(Map.of("kind", "APIVersions", "versions", List.of("v1"),
                    "serverAddressByClientCIDRs", List.of())));
        }
        if (path.equals("/api/v1")) {
            return Optional.of(resourceList("v1", BUILT_IN.get("v1")));
        }
        if (path.equals("/apis")) {
            return Optional.of(groupList());
        }
        String[] parts = path.split("/");
        if (parts.length == 4 && parts[1].equals("apis")) {
            String groupVersion = parts[2] + "/" + parts[3];
            if (BUILT_IN.containsKey(groupVersion)) {
                return Optional.of(resourceList(groupVersion, BUILT_IN.get(groupVersion)));
            }
            for (CustomResourceDefinition crd : storedCrds()) {
                Optional<CustomResourceDefinitionVersion> version = version(crd, parts[2], parts[3]);
                if (version.isPresent()) {
                    return Optional.of(resourceList(groupVersion, customResources(crd, version.get())));
                }
            }
            return Optional.of(status(404, "NotFound", groupVersion + " is not served"));
        }
        return Optional.empty();
    }

    private MockResponse groupList() {
        Map<String, List<String>> versionsByGroup = new LinkedHashMap<>();
        for (String gv : BUILT_IN.keySet()) {
            if (gv.contains("/")) {
                versionsByGroup.computeIfAbsent(gv.split("/")[0], g -> new ArrayList<>()).add(gv.split("/")[1]);
            }
        }
        for (CustomResourceDefinition crd : storedCrds()) {
            for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
                versionsByGroup.computeIfAbsent(crd.getSpec().getGroup(), g -> new ArrayList<>()).add(v.getName());
            }
        }
        List<Map<String, Object>> groups = new ArrayList<>();
        versionsByGroup.forEach((group, versions) -> {
            List<Map<String, Object>> entries = versions.stream()
                    .map(v -> Map.<String, Object>of("groupVersion", group + "/" + v, "version", v))
                    .toList();
            groups.add(Map.of("name", group, "versions", entries, "preferredVersion", entries.get(0)));
        });
        return json(Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups));
    }

    private static List<Map<String, Object>> customResources(CustomResourceDefinition crd,
            CustomResourceDefinitionVersion version) {
        var names = crd.getSpec().getNames();
        boolean namespaced = "Namespaced".equals(crd.getSpec().getScope());
        List<Map<String, Object>> resources = new ArrayList<>();
        Map<String, Object> main = resource(names.getPlural(), names.getKind(), namespaced);
        main.put("singularName", names.getSingular());
        main.put("shortNames", names.getShortNames() == null ? List.of() : names.getShortNames());
        resources.add(main);
        if (version.getSubresources() != null && version.getSubresources().getStatus() != null) {
            resources.add(subresource(names.getPlural() + "/status", names.getKind(), namespaced));
        }
        if (version.getSubresources() != null && version.getSubresources().getScale() != null) {
            resources.add(scaleSubresource(names.getPlural() + "/scale", namespaced));
        }
        return resources;
    }

    /** GET, PUT or PATCH of {@code <object>/scale}, mapped onto the object via its CRD's replica paths. */
    private MockResponse scale(RecordedRequest request, String objectPath) {
        CustomResourceSubresourceScale paths = scalePaths(objectPath)
                .orElseGet(() -> new CustomResourceSubresourceScale(null, ".spec.replicas", ".status.replicas"));
        String method = request.getMethod();
        if ("PUT".equals(method) || "PATCH".equals(method)) {
            Object replicas = get(Serialization.unmarshal(request.getUtf8Body(), Map.class), ".spec.replicas");
            if (!(replicas instanceof Number)) {
                return status(422, "Invalid", "spec.replicas of the Scale must be a number");
            }
            Map<String, Object> patch = new LinkedHashMap<>();
            put(patch, paths.getSpecReplicasPath(), replicas);
            MockResponse patched = super.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PATCH,
                    objectPath, mergePatchHeaders(), new Buffer().writeUtf8(Serialization.asJson(patch))));
            if (patched.code() >= 300) {
                return patched;
            }
        } else if (!"GET".equals(method)) {
            return status(405, "MethodNotAllowed", method + " is not allowed on a Scale");
        }
        MockResponse current = super.handleGet(objectPath);
        if (current.code() != 200) {
            return current;
        }
        GenericKubernetesResource object =
                Serialization.unmarshal(current.getBody().readUtf8(), GenericKubernetesResource.class);
        Map<String, Object> whole = new LinkedHashMap<>(object.getAdditionalProperties());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", object.getMetadata().getName());
        metadata.put("namespace", object.getMetadata().getNamespace());
        metadata.put("resourceVersion", object.getMetadata().getResourceVersion());
        metadata.put("uid", object.getMetadata().getUid());
        Map<String, Object> scaleStatus = new LinkedHashMap<>();
        scaleStatus.put("replicas", orZero(get(whole, paths.getStatusReplicasPath())));
        if (paths.getLabelSelectorPath() != null && get(whole, paths.getLabelSelectorPath()) != null) {
            scaleStatus.put("selector", get(whole, paths.getLabelSelectorPath()));
        }
        return json(Map.of("kind", "Scale", "apiVersion", "autoscaling/v1", "metadata", metadata,
                "spec", Map.of("replicas", orZero(get(whole, paths.getSpecReplicasPath()))), "status", scaleStatus));
    }

    private Optional<CustomResourceSubresourceScale> scalePaths(String objectPath) {
        String[] parts = objectPath.split("/");
        if (parts.length < 5 || !parts[1].equals("apis")) {
            return Optional.empty();
        }
        String plural = parts[parts.length - 2];
        for (CustomResourceDefinition crd : storedCrds()) {
            if (crd.getSpec().getNames().getPlural().equals(plural)) {
                return version(crd, parts[2], parts[3])
                        .filter(v -> v.getSubresources() != null && v.getSubresources().getScale() != null)
                        .map(v -> v.getSubresources().getScale());
            }
        }
        return Optional.empty();
    }

    /** Marks a freshly created CRD Established, as the API server does a moment later. */
    private MockResponse establish(RecordedRequest request, MockResponse created) {
        CustomResourceDefinition crd = Serialization.unmarshal(created.getBody().readUtf8(), CustomResourceDefinition.class);
        Map<String, Object> status = Map.of("status", Map.of(
                "acceptedNames", crd.getSpec().getNames(),
                "storedVersions", List.of(crd.getSpec().getVersions().get(0).getName()),
                "conditions", List.of(
                        Map.of("type", "NamesAccepted", "status", "True", "reason", "NoConflicts",
                                "lastTransitionTime", "2026-01-01T00:00:00Z"),
                        Map.of("type", "Established", "status", "True", "reason", "InitialNamesAccepted",
                                "lastTransitionTime", "2026-01-01T00:00:00Z"))));
        MockResponse patched = super.dispatch(new RecordedRequest(request.getHttpVersion(), HttpMethod.PATCH,
                CRDS_PATH + "/" + crd.getMetadata().getName() + "/status", mergePatchHeaders(),
                new Buffer().writeUtf8(Serialization.asJson(status))));
        return new MockResponse().setResponseCode(201).setHeader("Content-Type", "application/json")
                .setBody(patched.code() < 300 ? patched.getBody().readUtf8() : Serialization.asJson(crd));
    }

    private List<CustomResourceDefinition> storedCrds() {
        MockResponse r = super.handleGet(CRDS_PATH);
        if (r.code() != 200) {
            return List.of();
        }
        return Serialization.unmarshal(r.getBody().readUtf8(), CustomResourceDefinitionList.class).getItems();
    }

    private static Optional<CustomResourceDefinitionVersion> version(CustomResourceDefinition crd, String group,
            String version) {
        if (!crd.getSpec().getGroup().equals(group)) {
            return Optional.empty();
        }
        return crd.getSpec().getVersions().stream().filter(v -> v.getName().equals(version)).findFirst();
    }

    private static Map<String, Object> resource(String plural, String kind, boolean namespaced, String... shortNames) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", plural);
        r.put("singularName", kind.toLowerCase(java.util.Locale.ROOT));
        r.put("namespaced", namespaced);
        r.put("kind", kind);
        r.put("verbs", ALL_VERBS);
        r.put("shortNames", List.of(shortNames));
        return r;
    }

    private static Map<String, Object> subresource(String name, String kind, boolean namespaced) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("singularName", "");
        r.put("namespaced", namespaced);
        r.put("kind", kind);
        r.put("verbs", SUBRESOURCE_VERBS);
        return r;
    }

    private static Map<String, Object> scaleSubresource(String name, boolean namespaced) {
        Map<String, Object> r = subresource(name, "Scale", namespaced);
        r.put("group", "autoscaling");
        r.put("version", "v1");
        return r;
    }

    private static MockResponse resourceList(String groupVersion, List<Map<String, Object>> resources) {
        return json(Map.of("kind", "APIResourceList", "apiVersion", "v1", "groupVersion", groupVersion,
                "resources", resources));
    }

    /** The value at a {@code .a.b.c} path of nested maps, or null. */
    @SuppressWarnings("unchecked")
    static Object get(Map<String, Object> root, String dottedPath) {
        Object node = root;
        for (String key : dottedPath.substring(1).split("\\.")) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<String, Object>) node).get(key);
        }
        return node;
    }

    /** Sets the value at a {@code .a.b.c} path, creating the maps on the way. */
    @SuppressWarnings("unchecked")
    static void put(Map<String, Object> root, String dottedPath, Object value) {
        String[] keys = dottedPath.substring(1).split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            node = (Map<String, Object>) node.computeIfAbsent(keys[i], k -> new LinkedHashMap<String, Object>());
        }
        node.put(keys[keys.length - 1], value);
    }

    private static Object orZero(Object value) {
        return value == null ? 0 : value;
    }

    private static Headers mergePatchHeaders() {
        return Headers.builder().add("Content-Type", "application/merge-patch+json").build();
    }

    private static MockResponse json(Object body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(body));
    }

    private static MockResponse status(int code, String reason, String message) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(Map.of("kind", "Status", "apiVersion", "v1", "status", "Failure",
                        "reason", reason, "message", message, "code", code)));
    }
}
