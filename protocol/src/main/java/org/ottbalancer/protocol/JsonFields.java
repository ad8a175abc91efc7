package org.ottbalancer.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The fields of one JSON object, each remembered as a span of the source bytes. Values are decoded
 * only when asked for, so payloads that are passed through are never parsed twice nor copied.
 */
final class JsonFields {
    private record Field(JsonToken token, int start, int end, String text, Number number) {
    }

    private final byte[] source;
    private final String what;
    private final Map<String, Field> fields = new HashMap<>();

    private JsonFields(byte[] source, String what) {
        this.source = source;
        this.what = what;
    }

    /** Reads the object that spans {@code [offset, offset + length)} of {@code source}. */
    static JsonFields read(JsonFactory factory, byte[] source, int offset, int length, String what) {
        JsonFields result = new JsonFields(source, what);
        try (JsonParser p = factory.createParser(source, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException(what + " is not a JSON object");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                int start = offset + (int) p.currentTokenLocation().getByteOffset();
                String text = null;
                Number number = null;
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else if (value == JsonToken.VALUE_STRING) {
                    text = p.getText();
                } else if (value == JsonToken.VALUE_NUMBER_INT) {
                    number = p.getNumberValue();
                } else if (value == JsonToken.VALUE_NUMBER_FLOAT) {
                    number = p.getDecimalValue();
                }
                int end = offset + (int) p.currentLocation().getByteOffset();
                result.fields.put(name, new Field(value, start, end, text, number));
            }
            if (t != JsonToken.END_OBJECT) {
                throw new ProtocolException(what + " is not a JSON object");
            }
            if (p.nextToken() != null) {
                throw new ProtocolException(what + " has trailing content");
            }
        } catch (IOException e) {
            throw new ProtocolException(what + " is not valid JSON: " + JsonFields.describe(e), e);
        }
        return result;
    }

    /** The parser's own description of a syntax error, without its location dump. */
    static String describe(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.toString();
    }

    boolean has(String name) {
        return fields.containsKey(name);
    }

    boolean isNull(String name) {
        Field f = fields.get(name);
        return f == null || f.token == JsonToken.VALUE_NULL;
    }

    private Field require(String name) {
        Field f = fields.get(name);
        if (f == null) {
            throw new ProtocolException(what + " is missing field `" + name + "`");
        }
        return f;
    }

    String string(String name) {
        Field f = require(name);
        if (f.token != JsonToken.VALUE_STRING) {
            throw new ProtocolException(what + " field `" + name + "` must be a string");
        }
        return f.text;
    }

    /** The string field, or null when it is absent or JSON null. */
    String optionalString(String name) {
        return isNull(name) ? null : string(name);
    }

    UUID uuid(String name) {
        return Uuids.parse(string(name));
    }

    /** The UUID field, or null when it is absent or JSON null. */
    UUID optionalUuid(String name) {
        return isNull(name) ? null : uuid(name);
    }

    long unsigned(String name, long max) {
        Field f = require(name);
        if (f.token != JsonToken.VALUE_NUMBER_INT) {
            throw new ProtocolException(what + " field `" + name + "` must be an integer");
        }
        Number n = f.number;
        if (n instanceof java.math.BigInteger || n.longValue() < 0 || n.longValue() > max) {
            throw new ProtocolException(what + " field `" + name + "` is out of range: " + n);
        }
        return n.longValue();
    }

    /** The field's JSON value verbatim. */
    RawJson raw(String name) {
        Field f = require(name);
        return RawJson.wrap(source, f.start, f.end - f.start);
    }

    /** The field, which must be an object, read as fields in turn. */
    JsonFields object(JsonFactory factory, String name) {
        Field f = require(name);
        if (f.token != JsonToken.START_OBJECT) {
            throw new ProtocolException(what + " field `" + name + "` must be an object");
        }
        return read(factory, source, f.start, f.end - f.start, what + "." + name);
    }

    /** Spans of the elements of an array field. */
    int[][] arrayElements(JsonFactory factory, String name) {
        Field f = require(name);
        if (f.token != JsonToken.START_ARRAY) {
            throw new ProtocolException(what + " field `" + name + "` must be an array");
        }
        java.util.ArrayList<int[]> spans = new java.util.ArrayList<>();
        try (JsonParser p = factory.createParser(source, f.start, f.end - f.start)) {
            p.nextToken();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                int start = f.start + (int) p.currentTokenLocation().getByteOffset();
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    p.skipChildren();
                } else {
                    p.finishToken();
                }
                int end = f.start + (int) p.currentLocation().getByteOffset();
                spans.add(new int[] {start, end - start});
            }
        } catch (IOException e) {
            throw new ProtocolException(what + " field `" + name + "` is not valid JSON", e);
        }
        return spans.toArray(new int[0][]);
    }

    byte[] source() {
        return source;
    }
}
