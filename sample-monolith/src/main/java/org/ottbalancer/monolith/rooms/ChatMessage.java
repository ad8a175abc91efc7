package org.ottbalancer.monolith.rooms;

/** One chat line as kept in room state and sent to clients. */
public record ChatMessage(String fromId, String fromName, String text, long timestamp) {
}
