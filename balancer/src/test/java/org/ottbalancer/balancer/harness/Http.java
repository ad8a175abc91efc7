package org.ottbalancer.balancer.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Plain HTTP/1.1 requests to a balancer with {@code java.net.http}. HTTP/1.1 is forced because the
 * JDK client would otherwise try an {@code h2c} upgrade, which is not what browsers do.
 */
public final class Http {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();
    private final String base;

    /** Requests go to {@code http://<host>:<port>}; host is an IP literal (IPv6 in brackets). */
    public Http(String host, int port) {
        this.base = "http://" + host + ":" + port;
    }

    public Http(int port) {
        this("127.0.0.1", port);
    }

    public HttpResponse<String> get(String pathAndQuery, String... headerNameValuePairs) {
        return send(request(pathAndQuery, headerNameValuePairs).GET());
    }

    public HttpResponse<String> post(String pathAndQuery, String body, String... headerNameValuePairs) {
        return send(request(pathAndQuery, headerNameValuePairs).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public HttpResponse<String> method(String method, String pathAndQuery, String body, String... headerNameValuePairs) {
        return send(request(pathAndQuery, headerNameValuePairs).method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String pathAndQuery, String[] headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(TIMEOUT);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("HTTP request to " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
