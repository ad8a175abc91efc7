package org.ottbalancer.balancer.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hand-written HTTP/1.x client for what {@code java.net.http.HttpClient} refuses to do: send
 * {@code Connection} or {@code Upgrade} headers, speak HTTP/1.0, or drop a request half-way.
 */
final class RawHttpConnection implements AutoCloseable {
    record Response(String statusLine, List<String[]> headers, String body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** All values of a header, case-insensitively. */
        List<String> header(String name) {
            List<String> values = new ArrayList<>();
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    values.add(h[1]);
                }
            }
            return values;
        }
    }

    private final Socket socket;
    private final InputStream in;

    RawHttpConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(5_000);
        in = socket.getInputStream();
    }

    /** Sends a request head (lines without line ends) and an optional body. */
    void send(String body, String... headLines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : headLines) {
            text.append(line).append("\r\n");
        }
        text.append("\r\n").append(body);
        socket.getOutputStream().write(text.toString().getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads one response framed by Content-Length (the proxy always sets it). */
    Response read() throws IOException {
        String statusLine = readLine();
        List<String[]> headers = new ArrayList<>();
        int length = 0;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            headers.add(new String[] {name, value});
            if (name.toLowerCase(Locale.ROOT).equals("content-length")) {
                length = Integer.parseInt(value);
            }
        }
        byte[] body = in.readNBytes(length);
        return new Response(statusLine, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Whether the server closed the connection (end of stream within the read timeout). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** Whether the server closed the connection within {@code millis}; false if it is still open then. */
    boolean closedByServerWithin(int millis) throws IOException {
        int previous = socket.getSoTimeout();
        socket.setSoTimeout(millis);
        try {
            return closedByServer();
        } finally {
            socket.setSoTimeout(previous);
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            assertTrue(b >= 0, "connection closed in the middle of a response head");
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
