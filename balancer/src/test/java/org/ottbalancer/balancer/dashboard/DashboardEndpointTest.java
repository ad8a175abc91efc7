package org.ottbalancer.balancer.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ottbalancer.balancer.harness.BalancerFixture.API_KEY;

import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.config.BalancerConfig;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.RunningBalancer;

/** {@code /dashboard}: the page and its files are public, its data needs the API key. */
class DashboardEndpointTest {
    private static final String AUTH = "Bearer " + API_KEY;

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    @Test
    void thePageIsServedAsHtmlWithoutAnApiKey() {
        RunningBalancer b = fx.balancer();

        HttpResponse<String> r = b.http().get("/dashboard");

        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", header(r, "content-type"));
        assertTrue(r.body().contains("<script src=\"/dashboard/dashboard.js\""), r.body());
    }

    @Test
    void thePathWithATrailingSlashOrAQueryIsTheSamePage() {
        RunningBalancer b = fx.balancer();
        String page = b.http().get("/dashboard").body();

        assertEquals(page, b.http().get("/dashboard/").body());
        assertEquals(page, b.http().get("/dashboard?from=bookmark").body());
    }

    @Test
    void everyAnswerCarriesAPolicyThatAllowsOnlyTheBalancersOwnFiles() {
        RunningBalancer b = fx.balancer();

        for (String path : new String[] {"/dashboard", "/dashboard/dashboard.js", "/dashboard/state", "/dashboard/missing"}) {
            HttpResponse<String> r = b.http().get(path);
            String csp = header(r, "content-security-policy");
            assertEquals(DashboardResponses.CSP, csp, path);
            assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"), csp);
            assertTrue(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), csp);
            assertEquals("nosniff", header(r, "x-content-type-options"), path);
            assertEquals("no-referrer", header(r, "referrer-policy"), path);
        }
    }

    @Test
    void theScriptStyleAndIconAreServedWithTheirContentTypes() {
        RunningBalancer b = fx.balancer();

        assertEquals("text/javascript; charset=utf-8", header(b.http().get("/dashboard/dashboard.js"), "content-type"));
        assertEquals("text/css; charset=utf-8", header(b.http().get("/dashboard/dashboard.css"), "content-type"));
        assertEquals("image/svg+xml", header(b.http().get("/dashboard/favicon.svg"), "content-type"));
    }

    @Test
    void filesAreRevalidatedAndAnUnchangedFileIsNotSentAgain() {
        RunningBalancer b = fx.balancer();
        HttpResponse<String> first = b.http().get("/dashboard/dashboard.js");
        String etag = header(first, "etag");

        HttpResponse<String> again = b.http().get("/dashboard/dashboard.js", "If-None-Match", etag);

        assertEquals("no-cache", header(first, "cache-control"));
        assertEquals(304, again.statusCode());
        assertEquals("", again.body());
        assertEquals(etag, header(again, "etag"));
    }

    @Test
    void aFileThatIsNotPartOfTheDashboardIsNotFound() {
        RunningBalancer b = fx.balancer();

        assertEquals(404, b.http().get("/dashboard/nothing.js").statusCode());
        assertEquals(404, b.http().get("/dashboard/%2e%2e/application.properties").statusCode());
        assertEquals(404, b.http().get("/dashboard/dashboard/index.html").statusCode());
    }

    @Test
    void aPathThatOnlyBeginsLikeTheDashboardGoesToTheMonoliths() {
        RunningBalancer b = fx.balancer();

        HttpResponse<String> r = b.http().get("/dashboards");

        assertEquals(503, r.statusCode(), "proxied, and no monolith is there to answer");
    }

    @Test
    void headAnswersWithTheLengthAndNoBody() {
        RunningBalancer b = fx.balancer();
        int length = b.http().get("/dashboard/dashboard.css").body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;

        HttpResponse<String> r = b.http().method("HEAD", "/dashboard/dashboard.css", "");

        assertEquals(200, r.statusCode());
        assertEquals(String.valueOf(length), header(r, "content-length"));
        assertEquals("", r.body());
    }

    @Test
    void otherMethodsAreNotAllowed() {
        RunningBalancer b = fx.balancer();

        HttpResponse<String> r = b.http().post("/dashboard/state", "{}", "Authorization", AUTH);

        assertEquals(405, r.statusCode());
        assertEquals("GET, HEAD", header(r, "allow"));
    }

    @Test
    void theDataNeedsTheApiKey() {
        RunningBalancer b = fx.balancer();

        HttpResponse<String> none = b.http().get("/dashboard/state");
        HttpResponse<String> wrong = b.http().get("/dashboard/state", "Authorization", "Bearer not-the-key");

        assertEquals(401, none.statusCode());
        assertEquals("application/json", header(none, "content-type"));
        assertEquals("Bearer realm=\"ott-balancer\"", header(none, "www-authenticate"));
        assertEquals(401, wrong.statusCode());
    }

    @Test
    void theDataIsJsonThatIsNeverCached() {
        RunningBalancer b = fx.balancer();

        HttpResponse<String> r = b.http().get("/dashboard/state", "Authorization", AUTH);

        assertEquals(200, r.statusCode());
        assertEquals("application/json", header(r, "content-type"));
        assertEquals("no-store", header(r, "cache-control"));
        assertTrue(r.body().startsWith("{\"taken_at\":"), r.body());
    }

    @Test
    void aBalancerWithoutApiKeyServesThePageButNoData() {
        RunningBalancer b = fx.balancer(c -> new BalancerConfig(c.port(), c.region(), Optional.empty(), c.discovery(),
                c.selectionStrategy(), c.limits(), c.migration(), c.bind()));

        assertEquals(200, b.http().get("/dashboard").statusCode());
        assertEquals(401, b.http().get("/dashboard/state", "Authorization", "Bearer ").statusCode());
        assertEquals(401, b.http().get("/dashboard/state", "Authorization", AUTH).statusCode());
    }
}
