package dev.mosaic.bench;

import java.net.URI;

/**
 * How a load client speaks to one signaling server: where to connect, how to join, what a confirmed
 * join and an error look like, and how to relay an offer to a named peer.
 */
public interface SignalingProtocol {
    /** WebSocket address for client {@code index}. */
    URI uri(int index);

    /** Builds whatever the first {@code count} clients need up front, so the connect clock times the server, not us. */
    default void prepare(int count) {}

    /** First message to send once the socket is open, or null when the server confirms without one. */
    String hello(int index);

    /** The client's address for peers if {@code text} confirms it joined, else null. */
    String joinedId(String text, int index);

    /** A readable reason if {@code text} is an error, else null. */
    String error(String text);

    /** An offer carrying {@code sdpJson} (already a JSON string literal, quotes included) for peer {@code to}. */
    String offer(String to, String sdpJson);

    /** Rooms of {@code roomSize}: client i is in room i / roomSize. */
    static String room(int index, int roomSize) {
        return "bench-" + (index / roomSize);
    }
}
