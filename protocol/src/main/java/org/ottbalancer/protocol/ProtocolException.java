package org.ottbalancer.protocol;

/** A frame that is not a valid message of the protocol. The message says what is wrong with it. */
public class ProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
