package org.ottbalancer.protocol.agent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Reads and writes the agent's JSON documents: report, drain request, drain progress. */
public final class AgentDocuments {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private AgentDocuments() {
    }

    public static String write(Object document) {
        try {
            return MAPPER.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + document.getClass().getSimpleName(), e);
        }
    }

    public static AgentReport parseReport(String json) {
        return read(json, AgentReport.class, "agent report");
    }

    public static DrainReport parseDrainReport(String json) {
        return read(json, DrainReport.class, "drain report");
    }

    /** An empty or blank body means all defaults. */
    public static DrainRequest parseDrainRequest(String json) {
        if (json == null || json.isBlank()) {
            return DrainRequest.DEFAULTS;
        }
        return read(json, DrainRequest.class, "drain request");
    }

    private static <T> T read(String json, Class<T> type, String what) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new IllegalArgumentException(what + " is empty");
            }
            return value;
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause();
            String why = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new IllegalArgumentException("invalid " + what + ": " + why, e);
        }
    }
}
