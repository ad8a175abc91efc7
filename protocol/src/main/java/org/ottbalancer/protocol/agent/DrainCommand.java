package org.ottbalancer.protocol.agent;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code drain [--url URL] [--wait] [--token-file PATH]}: asks a running agent to drain, for people
 * and for hooks. The default URL is the preStop listener, which needs no token; against the main port
 * pass the token (file, or {@code AGENT_DRAIN_TOKEN}).
 *
 * <p>It lives beside the drain documents because two programs offer it: the agent
 * ({@code ott-monolith-agent.jar drain}) and the sample monolith ({@code ott-sample-monolith.jar
 * drain-agent}), whose shell-less image has no other way to run the monolith container's preStop
 * hook.
 *
 * <p>Exit status: 0 when the drain was accepted (or, with {@code --wait}, finished {@code done});
 * 1 when it failed or was refused; 2 on a usage error or when the agent cannot be reached.
 */
public final class DrainCommand {
    public static final String DEFAULT_URL = "http://127.0.0.1:9091";

    private DrainCommand() {
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        String url = DEFAULT_URL;
        boolean wait = false;
        String token = env.get("AGENT_DRAIN_TOKEN");
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--wait")) {
                wait = true;
            } else if (a.equals("--url") && i + 1 < args.size()) {
                url = args.get(++i);
            } else if (a.startsWith("--url=")) {
                url = a.substring("--url=".length());
            } else if (a.equals("--token-file") && i + 1 < args.size()) {
                try {
                    token = Files.readString(Path.of(args.get(++i)), StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    err.println("cannot read token file: " + e);
                    return 2;
                }
            } else {
                err.println("usage: drain [--url URL] [--wait] [--token-file PATH]   (unknown argument \"" + a + "\")");
                return 2;
            }
        }
        URI uri;
        try {
            uri = URI.create(url.replaceAll("/+$", "") + "/drain" + (wait ? "?wait=true" : ""));
        } catch (IllegalArgumentException e) {
            err.println("invalid --url \"" + url + "\": " + e.getMessage());
            return 2;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody());
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        try {
            HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
            out.println(response.body());
            int status = response.statusCode();
            return status == 200 || status == 202 ? 0 : 1;
        } catch (IOException e) {
            err.println("cannot reach the agent at " + uri + ": " + e);
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("interrupted");
            return 2;
        }
    }
}
