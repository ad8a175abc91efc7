package org.ottbalancer.balancer.client;

/** What a client connection asks of the balancer's state. Implementations must not block. */
public interface ClientGateway {

    /**
     * The client authenticated: place it and send {@code join}. The gateway later calls
     * {@link ClientHandler#joined(ClientSession)} on success or closes the session with 4000.
     */
    void join(ClientSession session, ClientHandler handler);

    /** The client's connection ended (for any reason); forget it and tell its monolith if needed. */
    void ended(ClientSession session);
}
