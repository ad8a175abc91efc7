package org.ottbalancer.e2e.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ottbalancer.e2e.support.LinkClient;

/**
 * What one link's balancer end received, normalised, with the agent's extension messages (types
 * starting with {@code ext_}) taken out and kept apart together with where they appeared.
 *
 * @param lines every other frame, one line each, in arrival order
 * @param extensions the {@code ext_*} messages
 */
record Transcript(List<String> lines, List<Extension> extensions) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param after how many {@link #lines} had arrived before it (1 = right after the first frame)
     * @param line the message, normalised
     */
    record Extension(int after, String line) {
    }

    static Transcript of(List<LinkClient.Frame> frames, Normalizer n) {
        List<String> lines = new ArrayList<>();
        List<Extension> extensions = new ArrayList<>();
        for (LinkClient.Frame f : frames) {
            switch (f.kind()) {
                case TEXT -> {
                    String line = n.text(f.text());
                    if (isExtension(f.text())) {
                        extensions.add(new Extension(lines.size(), line));
                    } else {
                        lines.add("text " + line);
                    }
                }
                case BINARY -> lines.add("binary " + n.bytes(f.bytes()));
                case PING -> lines.add("ping " + new String(f.bytes(), StandardCharsets.UTF_8));
                case PONG -> lines.add("pong " + new String(f.bytes(), StandardCharsets.UTF_8));
                case CLOSE -> lines.add("close " + f.closeCode() + " \"" + f.text() + "\"");
                case END -> lines.add("end");
                default -> throw new IllegalStateException("unknown frame kind " + f.kind());
            }
        }
        return new Transcript(List.copyOf(lines), List.copyOf(extensions));
    }

    private static boolean isExtension(String text) {
        try {
            JsonNode tree = JSON.readTree(text);
            return tree != null && tree.path("type").asText("").startsWith("ext_");
        } catch (IOException e) {
            return false;
        }
    }

    /** The same transcript with Close lines reduced to their code. */
    Transcript withoutCloseReasons() {
        return new Transcript(lines.stream().map(l -> l.startsWith("close ") ? l.substring(0, l.indexOf(' ', 6)) : l).toList(),
                extensions);
    }

    /** The lines whose text contains {@code fragment}. */
    List<String> containing(String fragment) {
        return lines.stream().filter(l -> l.contains(fragment)).toList();
    }

    String describe() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            for (Extension e : extensions) {
                if (e.after() == i) {
                    b.append("    [ext] ").append(e.line()).append('\n');
                }
            }
            b.append("    ").append(abbreviate(lines.get(i))).append('\n');
        }
        for (Extension e : extensions) {
            if (e.after() == lines.size()) {
                b.append("    [ext] ").append(e.line()).append('\n');
            }
        }
        return b.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 400 ? s : s.substring(0, 397) + "...";
    }
}
