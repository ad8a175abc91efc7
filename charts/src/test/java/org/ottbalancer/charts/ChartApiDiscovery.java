package org.ottbalancer.charts;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionList;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ottbalancer.operator.testing.DiscoveryCrudDispatcher;

/**
 * The operator tests' discovery shim, plus what the chart needs beyond the operator's own kinds:
 * the cluster-scoped RBAC kinds (ClusterRole, ClusterRoleBinding), and API groups served by several
 * CRDs (monitoring.coreos.com has ServiceMonitor and PodMonitor), which the shim lists once per CRD
 * and describes by the first CRD only.
 */
final class ChartApiDiscovery extends DiscoveryCrudDispatcher {
    private static final String RBAC = "/apis/rbac.authorization.k8s.io/v1";
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final List<String> VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        MockResponse response = super.dispatch(request);
        String path = request.getPath().split("\\?")[0];
        if (!"GET".equals(request.getMethod()) || response.code() != 200) {
            return response;
        }
        if (path.equals(RBAC)) {
            return withResources(response, List.of(resource("clusterroles", "ClusterRole", false, List.of()),
                    resource("clusterrolebindings", "ClusterRoleBinding", false, List.of())));
        }
        if (path.equals("/apis")) {
            return withDistinctVersions(response);
        }
        String[] parts = path.split("/");
        if (parts.length == 4 && parts[1].equals("apis")) {
            List<CustomResourceDefinition> sharing = crdsServing(parts[2], parts[3]);
            if (sharing.size() > 1) {
                List<Map<String, Object>> all = new ArrayList<>();
                for (CustomResourceDefinition crd : sharing) {
                    var names = crd.getSpec().getNames();
                    all.add(resource(names.getPlural(), names.getKind(), "Namespaced".equals(crd.getSpec().getScope()),
                            names.getShortNames() == null ? List.of() : names.getShortNames()));
                }
                Map<String, Object> list = json(response);
                list.put("resources", all);
                return ok(list);
            }
        }
        return response;
    }

    @SuppressWarnings("unchecked")
    private static MockResponse withResources(MockResponse response, List<Map<String, Object>> extra) {
        Map<String, Object> list = json(response);
        List<Object> resources = new ArrayList<>((List<Object>) list.get("resources"));
        resources.addAll(extra);
        list.put("resources", resources);
        return ok(list);
    }

    /** One entry per version of a group, however many CRDs serve it. */
    @SuppressWarnings("unchecked")
    private static MockResponse withDistinctVersions(MockResponse response) {
        Map<String, Object> groups = json(response);
        for (Object g : (List<Object>) groups.get("groups")) {
            Map<String, Object> group = (Map<String, Object>) g;
            group.put("versions", new ArrayList<>(new LinkedHashSet<>((List<Object>) group.get("versions"))));
        }
        return ok(groups);
    }

    private List<CustomResourceDefinition> crdsServing(String group, String version) {
        MockResponse r = super.handleGet(CRDS);
        if (r.code() != 200) {
            return List.of();
        }
        return Serialization.unmarshal(r.getBody().readUtf8(), CustomResourceDefinitionList.class).getItems().stream()
                .filter(crd -> crd.getSpec().getGroup().equals(group)
                        && crd.getSpec().getVersions().stream().anyMatch(v -> v.getName().equals(version)))
                .toList();
    }

    private static Map<String, Object> resource(String plural, String kind, boolean namespaced, List<String> shortNames) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", plural);
        r.put("singularName", kind.toLowerCase(Locale.ROOT));
        r.put("namespaced", namespaced);
        r.put("kind", kind);
        r.put("verbs", VERBS);
        r.put("shortNames", shortNames);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(MockResponse response) {
        return Serialization.unmarshal(response.getBody().readUtf8(), Map.class);
    }

    private static MockResponse ok(Map<String, Object> body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                .setBody(Serialization.asJson(body));
    }
}
