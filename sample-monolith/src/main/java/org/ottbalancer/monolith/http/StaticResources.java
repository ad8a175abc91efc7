package org.ottbalancer.monolith.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The room page's files, read once from the classpath folder {@code static/}. */
final class StaticResources {
    record Resource(byte[] body, String contentType) {
    }

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");
    private final Map<String, Optional<Resource>> cache = new ConcurrentHashMap<>();

    /** The file {@code name} (no slashes, known extension), or empty. */
    Optional<Resource> get(String name) {
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            return Optional.empty();
        }
        String ext = name.substring(name.lastIndexOf('.') + 1);
        String type = TYPES.get(ext);
        if (type == null) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, n -> read(n, type));
    }

    private static Optional<Resource> read(String name, String type) {
        try (InputStream in = StaticResources.class.getClassLoader().getResourceAsStream("static/" + name)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new Resource(in.readAllBytes(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("reading static/" + name, e);
        }
    }
}
