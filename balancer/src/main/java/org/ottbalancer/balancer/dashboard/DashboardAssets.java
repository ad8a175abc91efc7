package org.ottbalancer.balancer.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's static files, read once from the balancer's own jar ({@code /dashboard/*} on
 * the class path). Only the files listed here are served: anything else under the prefix is a 404,
 * so no request can reach other class-path resources.
 */
final class DashboardAssets {
    static final String PAGE = "index.html";
    /** Every file the page is made of; a missing one is a packaging bug that fails every dashboard file request. */
    static final List<String> FILES = List.of(PAGE, "dashboard.css", "dashboard.js", "favicon.svg");

    /** One file: its bytes, content type and a validator so that browsers revalidate cheaply. */
    record Asset(String name, byte[] body, String contentType, String etag) {
    }

    private final Map<String, Asset> byName;

    private DashboardAssets(Map<String, Asset> byName) {
        this.byName = Map.copyOf(byName);
    }

    static DashboardAssets load() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String name : FILES) {
            byte[] body = read("/dashboard/" + name);
            assets.put(name, new Asset(name, body, contentType(name), etag(body)));
        }
        return new DashboardAssets(assets);
    }

    Optional<Asset> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        switch (ext) {
            case "html":
                return "text/html; charset=utf-8";
            case "css":
                return "text/css; charset=utf-8";
            case "js":
                return "text/javascript; charset=utf-8";
            case "svg":
                return "image/svg+xml";
            default:
                throw new IllegalArgumentException("no content type known for dashboard file " + name);
        }
    }

    private static byte[] read(String resource) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + resource + " is missing from the balancer's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard file " + resource, e);
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256.
            throw new IllegalStateException(e);
        }
    }
}
