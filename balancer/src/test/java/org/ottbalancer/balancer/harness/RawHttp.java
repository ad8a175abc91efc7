package org.ottbalancer.balancer.harness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written HTTP/1.1 exchanges over a plain socket, for requests {@code java.net.http} refuses to
 * make (its own {@code Upgrade}/{@code Connection} headers, missing WebSocket keys).
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** What came back: the status code of the first line and everything read before the server stopped. */
    public record Response(int status, String raw) {
        public String body() {
            int split = raw.indexOf("\r\n\r\n");
            return split < 0 ? "" : raw.substring(split + 4);
        }

        public boolean hasHeader(String name, String value) {
            for (String line : raw.split("\r\n")) {
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)
                        && line.substring(colon + 1).trim().equalsIgnoreCase(value)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Sends {@code request} (lines joined with CRLF, blank line appended) and reads the reply until the
     * server closes, the head plus a {@code Content-Length} body is complete, or {@code timeout}.
     */
    public static Response exchange(int port, Duration timeout, String... requestLines) {
        String request = String.join("\r\n", requestLines) + "\r\n\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return readResponse(socket.getInputStream());
        } catch (IOException e) {
            throw new AssertionError("raw HTTP exchange failed: " + e, e);
        }
    }

    /**
     * Sends {@code request} exactly as given (head and any body) and reads one reply as
     * {@link #exchange(int, Duration, String...)} does. A connection the server resets after
     * answering still yields the answer.
     */
    public static Response exchangeBytes(int port, Duration timeout, byte[] request) {
        return pipeline(port, timeout, 1, request).get(0);
    }

    /**
     * Writes {@code requests} in one go (HTTP/1.1 pipelining) and reads {@code expected} replies in
     * the order they arrive; each reply needs a {@code Content-Length}. Fails if fewer arrive
     * before the server closes or {@code timeout} passes.
     */
    public static List<Response> pipeline(int port, Duration timeout, int expected, byte[] requests) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(requests);
            socket.getOutputStream().flush();
            return readResponses(socket.getInputStream(), expected);
        } catch (IOException e) {
            throw new AssertionError("raw HTTP exchange failed: " + e, e);
        }
    }

    private static List<Response> readResponses(InputStream in, int expected) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<Response> responses = new ArrayList<>();
        byte[] chunk = new byte[4096];
        int start = 0;
        boolean ended = false;
        while (responses.size() < expected) {
            String rest = new String(buffer.toByteArray(), start, buffer.size() - start, StandardCharsets.ISO_8859_1);
            int length = completeLength(rest);
            if (length > 0) {
                String raw = new String(buffer.toByteArray(), start, length, StandardCharsets.UTF_8);
                responses.add(new Response(Integer.parseInt(raw.substring(9, 12)), raw));
                start += length;
                continue;
            }
            if (ended) {
                throw new AssertionError("got " + responses.size() + " of " + expected + " responses; then: " + rest);
            }
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException | java.net.SocketException e) {
                n = -1;
            }
            if (n < 0) {
                ended = true;
            } else {
                buffer.write(chunk, 0, n);
            }
        }
        return responses;
    }

    /** Bytes (ISO-8859-1 chars) of the first complete response with a Content-Length at the start of {@code soFar}, or 0. */
    private static int completeLength(String soFar) {
        int headEnd = soFar.indexOf("\r\n\r\n");
        if (headEnd < 0 || !soFar.startsWith("HTTP/1.")) {
            return 0;
        }
        for (String line : soFar.substring(0, headEnd).split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                int total = headEnd + 4 + Integer.parseInt(line.substring(colon + 1).trim());
                return soFar.length() >= total ? total : 0;
            }
        }
        return 0;
    }

    private static Response readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (true) {
            String soFar = buffer.toString(StandardCharsets.UTF_8);
            if (isComplete(soFar)) {
                break;
            }
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                break;
            }
            if (n < 0) {
                break;
            }
            buffer.write(chunk, 0, n);
        }
        String raw = buffer.toString(StandardCharsets.UTF_8);
        if (!raw.startsWith("HTTP/1.")) {
            throw new AssertionError("not an HTTP response: " + raw);
        }
        return new Response(Integer.parseInt(raw.substring(9, 12)), raw);
    }

    private static boolean isComplete(String soFar) {
        int headEnd = soFar.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = soFar.substring(0, headEnd);
        if (head.startsWith("HTTP/1.1 101")) {
            return true;
        }
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                int length = Integer.parseInt(line.substring(colon + 1).trim());
                return soFar.getBytes(StandardCharsets.UTF_8).length - headEnd - 4 >= length;
            }
        }
        return false;
    }
}
