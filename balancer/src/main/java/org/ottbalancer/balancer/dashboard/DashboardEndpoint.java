package org.ottbalancer.balancer.dashboard;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import java.util.Optional;
import org.ottbalancer.balancer.http.FrontendHandler;
import org.ottbalancer.balancer.observe.ClusterSnapshot;

/**
 * The cluster dashboard under {@value #PREFIX}: the page and its assets (public, they hold no
 * data) and {@value #STATE_PATH}, the snapshot the page polls, which needs the balancer's API key
 * like every other operator endpoint ({@code Authorization: Bearer <api_key>}).
 *
 * <p>The balancer owns this prefix: a monolith's own {@code /dashboard} path, should it have one,
 * is not reachable through the balancer.
 */
public final class DashboardEndpoint {
    public static final String PREFIX = "/dashboard";
    public static final String STATE_PATH = PREFIX + "/state";

    private DashboardEndpoint() {
    }

    /**
     * Answers {@code req} if its path is the dashboard's. Returns false, having written nothing,
     * for every other path. The caller keeps ownership of {@code req}.
     */
    public static boolean serve(ChannelHandlerContext ctx, FullHttpRequest req, FrontendHandler.Context c) {
        // Every request passes here: the cheap test first, so other paths cost no allocation.
        if (!req.uri().startsWith(PREFIX)) {
            return false;
        }
        String path = path(req.uri());
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return false;
        }
        HttpMethod method = req.method();
        if (!method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD)) {
            DashboardResponses.methodNotAllowed(ctx, req);
            return true;
        }
        if (path.equals(STATE_PATH)) {
            state(ctx, req, c);
            return true;
        }
        String name = path.equals(PREFIX) || path.equals(PREFIX + "/") ? DashboardAssets.PAGE : path.substring(PREFIX.length() + 1);
        Optional<DashboardAssets.Asset> asset = Files.ASSETS.find(name);
        if (asset.isEmpty()) {
            DashboardResponses.notFound(ctx, req);
        } else {
            DashboardResponses.asset(ctx, req, asset.get());
        }
        return true;
    }

    private static void state(ChannelHandlerContext ctx, FullHttpRequest req, FrontendHandler.Context c) {
        if (!c.apiKey().authorises(req)) {
            DashboardResponses.unauthorized(ctx, req);
            return;
        }
        byte[] body = ClusterSnapshot.json(c.state(), c.metrics(), c.balancerId(), c.region());
        DashboardResponses.snapshot(ctx, req, body);
    }

    /**
     * The files, read on the first dashboard request rather than when the first request of any
     * kind loads this class: should the jar lack them, only the dashboard fails.
     */
    private static final class Files {
        static final DashboardAssets ASSETS = DashboardAssets.load();
    }

    /** The path without query or fragment; the query plays no part in choosing what to serve. */
    static String path(String uri) {
        int end = uri.length();
        int q = uri.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int h = uri.indexOf('#');
        if (h >= 0 && h < end) {
            end = h;
        }
        return uri.substring(0, end);
    }
}
