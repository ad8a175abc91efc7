package org.ottbalancer.bench.target;

import java.nio.file.Path;
import java.util.List;

/**
 * The nginx configuration of the nginx target: what one would write to put nginx in front of OTT
 * monoliths, tuned so that nginx is not handicapped in the comparison.
 */
public final class NginxConfig {

    private NginxConfig() {
    }

    /**
     * A complete {@code nginx.conf}.
     *
     * <p>Rooms are routed by a consistent hash of the room in the path, so every client of a room
     * reaches the same monolith (a room lives on one monolith); other paths go to any monolith.
     * Everything nginx writes (pid, error log, temp files) stays under {@code prefix}, so it runs
     * without touching the system's nginx. Workers get the descriptor limit, and as many connections
     * as that allows minus a margin for their own files; each proxied client needs two.
     *
     * @param prefix nginx's directory for this run
     * @param port where nginx listens on loopback
     * @param workers worker processes (one per core)
     * @param maxOpenFiles the descriptor limit nginx inherits
     * @param monolithHttpPorts the monoliths' client endpoints
     */
    public static String render(Path prefix, int port, int workers, int maxOpenFiles, List<Integer> monolithHttpPorts) {
        StringBuilder servers = new StringBuilder();
        for (int p : monolithHttpPorts) {
            // max_fails=0: a monolith that is slow under load must not be taken out of the hash.
            servers.append("    server 127.0.0.1:").append(p).append(" max_fails=0;\n");
        }
        int connections = Math.max(1024, maxOpenFiles - 200);
        String dir = prefix.toAbsolutePath().toString();
        return """
                worker_processes %d;
                worker_rlimit_nofile %d;
                pid %s/nginx.pid;
                error_log %s/error.log warn;

                events {
                  worker_connections %d;
                  multi_accept on;
                }

                http {
                  access_log off;
                  client_body_temp_path %s/tmp/client_body;
                  proxy_temp_path %s/tmp/proxy;
                  fastcgi_temp_path %s/tmp/fastcgi;
                  uwsgi_temp_path %s/tmp/uwsgi;
                  scgi_temp_path %s/tmp/scgi;

                  # Upgrade requests get "Connection: upgrade"; others an empty Connection so upstream keep-alive works.
                  map $http_upgrade $connection_upgrade {
                    default upgrade;
                    ''      '';
                  }

                  # The room of /api/room/<room>[/...]; empty for other paths.
                  map $uri $room {
                    ~^/api/room/(?<r>[^/]+) $r;
                    default '';
                  }

                  upstream monolith_rooms {
                    hash $room consistent;
                %s    keepalive 256;
                  }

                  upstream monolith_any {
                %s    keepalive 256;
                  }

                  server {
                    listen 127.0.0.1:%d backlog=4096 reuseport;

                    proxy_http_version 1.1;
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
                    proxy_read_timeout 1h;
                    proxy_send_timeout 1h;

                    location /api/room/ {
                      proxy_pass http://monolith_rooms;
                    }

                    location / {
                      proxy_pass http://monolith_any;
                    }
                  }
                }
                """.formatted(workers, maxOpenFiles, dir, dir, connections, dir, dir, dir, dir, dir,
                servers, servers, port);
    }
}
