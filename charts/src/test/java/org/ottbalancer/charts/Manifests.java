package org.ottbalancer.charts;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The objects of a {@code helm template} output, looked up by kind and name. */
record Manifests(List<GenericKubernetesResource> objects) {

    static Manifests parse(String yaml) {
        List<GenericKubernetesResource> objects = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
                continue;
            }
            objects.add(Serialization.unmarshal(document, GenericKubernetesResource.class));
        }
        return new Manifests(List.copyOf(objects));
    }

    List<GenericKubernetesResource> ofKind(String kind) {
        return objects.stream().filter(o -> o.getKind().equals(kind)).toList();
    }

    Optional<GenericKubernetesResource> find(String kind, String name) {
        return objects.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name))
                .findFirst();
    }

    GenericKubernetesResource get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + summary()));
    }

    /** The only object of a kind. */
    GenericKubernetesResource single(String kind) {
        List<GenericKubernetesResource> found = ofKind(kind);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + found.size() + " in " + summary());
        }
        return found.get(0);
    }

    List<String> summary() {
        return objects.stream().map(o -> o.getKind() + "/" + Optional.ofNullable(o.getMetadata().getNamespace())
                .map(ns -> ns + "/").orElse("") + o.getMetadata().getName()).toList();
    }

    /** The value at a path of map keys and list indexes, e.g. {@code at(o, "spec", "template", "spec")}. */
    @SuppressWarnings("unchecked")
    static <T> T at(GenericKubernetesResource object, Object... path) {
        Object node = object.getAdditionalProperties();
        for (Object key : path) {
            if (key instanceof Integer i && node instanceof List<?> list) {
                node = i < list.size() ? list.get(i) : null;
            } else if (node instanceof Map<?, ?> map) {
                node = map.get(key);
            } else {
                return null;
            }
        }
        return (T) node;
    }
}
