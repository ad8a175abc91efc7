package org.ottbalancer.e2e.transparency;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A byte-for-byte TCP relay in front of a monolith's balancing port that also reads the WebSocket
 * frames going <em>to</em> the monolith and notes their opcodes. The monolith itself treats text
 * and binary alike, so this is the only way to see from outside that a binary frame reached it as
 * a binary frame, or that a ping reached it at all. Being a plain TCP relay, it changes nothing a
 * WebSocket endpoint can observe.
 */
final class FrameTap implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final List<String> toMonolith = Collections.synchronizedList(new ArrayList<>());
    private final List<Socket> sockets = Collections.synchronizedList(new ArrayList<>());

    private FrameTap(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    static FrameTap start(int targetPort) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        FrameTap tap = new FrameTap(s, targetPort);
        daemon("tap-accept", tap::acceptLoop).start();
        return tap;
    }

    int port() {
        return server.getLocalPort();
    }

    /** Opcodes of the frames the monolith received so far ({@code text}, {@code binary}, {@code ping}, ...). */
    List<String> framesToMonolith() {
        synchronized (toMonolith) {
            return List.copyOf(toMonolith);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                in.setTcpNoDelay(true);
                out.setTcpNoDelay(true);
                sockets.add(in);
                sockets.add(out);
                FrameReader reader = new FrameReader();
                daemon("tap-up", () -> pump(in, out, reader)).start();
                daemon("tap-down", () -> pump(out, in, null)).start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, FrameReader reader) {
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (reader != null) {
                    reader.feed(buf, n);
                }
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: the other follows below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        synchronized (sockets) {
            sockets.forEach(FrameTap::closeQuietly);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already gone
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Skips the HTTP upgrade request, then reads client-to-server frame headers (RFC 6455 §5.2). */
    private final class FrameReader {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private boolean upgraded;

        void feed(byte[] b, int n) {
            pending.write(b, 0, n);
            byte[] all = pending.toByteArray();
            int pos = 0;
            if (!upgraded) {
                int end = indexOfHeaderEnd(all);
                if (end < 0) {
                    return;
                }
                upgraded = true;
                pos = end;
            }
            while (true) {
                int consumed = frameAt(all, pos);
                if (consumed == 0) {
                    break;
                }
                pos += consumed;
            }
            pending.reset();
            pending.write(all, pos, all.length - pos);
        }

        /** Length of the whole frame at {@code pos} once all of it is there (noting its opcode), else 0. */
        private int frameAt(byte[] b, int pos) {
            if (b.length - pos < 2) {
                return 0;
            }
            int opcode = b[pos] & 0x0f;
            boolean masked = (b[pos + 1] & 0x80) != 0;
            long len = b[pos + 1] & 0x7f;
            int header = 2;
            if (len == 126) {
                if (b.length - pos < 4) {
                    return 0;
                }
                len = ((b[pos + 2] & 0xff) << 8) | (b[pos + 3] & 0xff);
                header = 4;
            } else if (len == 127) {
                if (b.length - pos < 10) {
                    return 0;
                }
                len = 0;
                for (int i = 0; i < 8; i++) {
                    len = (len << 8) | (b[pos + 2 + i] & 0xff);
                }
                header = 10;
            }
            long total = header + (masked ? 4 : 0) + len;
            if (b.length - pos < total) {
                return 0;
            }
            toMonolith.add(opcodeName(opcode));
            return (int) total;
        }

        private int indexOfHeaderEnd(byte[] b) {
            for (int i = 3; i < b.length; i++) {
                if (b[i - 3] == '\r' && b[i - 2] == '\n' && b[i - 1] == '\r' && b[i] == '\n') {
                    return i + 1;
                }
            }
            return -1;
        }

        private String opcodeName(int opcode) {
            switch (opcode) {
                case 0:
                    return "continuation";
                case 1:
                    return "text";
                case 2:
                    return "binary";
                case 8:
                    return "close";
                case 9:
                    return "ping";
                case 10:
                    return "pong";
                default:
                    return "opcode " + opcode;
            }
        }
    }
}
