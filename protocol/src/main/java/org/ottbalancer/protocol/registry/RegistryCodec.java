package org.ottbalancer.protocol.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.HashSet;
import java.util.Set;

/** Reads and writes {@link RegistryDocument}s, rejecting documents a balancer must not act on. */
public final class RegistryCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private RegistryCodec() {
    }

    /**
     * Parses a registry document.
     *
     * @throws InvalidRegistryException with a message naming the problem when the text is not a
     *     valid document of a version this code understands
     */
    public static RegistryDocument parse(String json) {
        RegistryDocument doc;
        try {
            doc = MAPPER.readValue(json, RegistryDocument.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : e;
            throw new InvalidRegistryException("invalid registry document: "
                    + (cause == e ? e.getOriginalMessage() : cause.getMessage()), e);
        }
        if (doc == null) {
            throw new InvalidRegistryException("invalid registry document: empty");
        }
        if (doc.version() > RegistryDocument.CURRENT_VERSION) {
            throw new InvalidRegistryException("registry document version " + doc.version()
                    + " is newer than the supported version " + RegistryDocument.CURRENT_VERSION);
        }
        Set<String> endpoints = new HashSet<>();
        for (MonolithEntry m : doc.monoliths()) {
            if (!endpoints.add(m.endpointKey())) {
                throw new InvalidRegistryException("registry lists " + m.endpoint() + " more than once");
            }
        }
        return doc;
    }

    public static String write(RegistryDocument doc) {
        try {
            return MAPPER.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise registry document", e);
        }
    }

    /** A registry document that cannot be used; the message says why. */
    public static final class InvalidRegistryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidRegistryException(String message) {
            super(message);
        }

        InvalidRegistryException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
