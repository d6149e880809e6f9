package dev.mosaic.server;

import dev.mosaic.server.room.Rooms;
import java.time.Duration;

/**
 * Protective limits of the signaling server. Each has a builder method, a flag and an environment
 * variable (see docs/protocol.md, "Limits").
 *
 * @param maxMessageBytes        largest message accepted; larger ones get {@code too_large} (and beyond
 *                               four times this, or 1 MiB if more, the socket is closed with 1009)
 * @param messagesPerSecond      sustained messages per second per connection; excess gets {@code rate_limited}
 * @param messageBurst           messages a connection may send at once before the rate applies
 * @param connectionsPerAddress  open WebSockets per client IP address (a school behind one NAT counts once)
 * @param joinDeadline           time a new connection has to send {@code join} or {@code resume}
 * @param resumeGrace            how long a dropped participant keeps its place for {@code resume}
 * @param maxQueuedMessages      messages waiting to be written to one slow connection before it is dropped
 * @param maxQueuedBytes         bytes (UTF-8) waiting to be written to one slow connection before it is dropped;
 *                               one message larger than this is still sent to a connection with nothing queued
 * @param unusedRoomExpiry       how long a room created through the API waits for its first participant
 *                               before it is removed, unless created with its own {@code expiresAt}
 * @param maxTokenLifetime       longest a join token may live (from {@code iat} to {@code exp}); longer ones
 *                               are refused at join, and an empty room keeps its settings and removals this long
 * @param httpConnectionsPerAddress open HTTP connections per client IP address, not counting those that
 *                               became WebSockets (they have {@code connectionsPerAddress}); more are closed at once
 * @param httpHeaderTimeout      time a request's header may take from its first byte to its end; a client
 *                               trickling header lines (slowloris) is disconnected after it
 * @param httpIdleTimeout        an HTTP connection on which nothing arrives for this long is closed
 */
public record Limits(
        int maxMessageBytes,
        int messagesPerSecond,
        int messageBurst,
        int connectionsPerAddress,
        Duration joinDeadline,
        Duration resumeGrace,
        int maxQueuedMessages,
        int maxQueuedBytes,
        Duration unusedRoomExpiry,
        Duration maxTokenLifetime,
        int httpConnectionsPerAddress,
        Duration httpHeaderTimeout,
        Duration httpIdleTimeout) {
    /** Longest {@code maxTokenLifetime} that may be configured. */
    public static final Duration MAX_TOKEN_LIFETIME_LIMIT = Duration.ofDays(366);

    public static final Limits DEFAULT = new Limits(
            64 * 1024,
            50,
            200,
            100,
            Duration.ofSeconds(10),
            Duration.ofSeconds(20),
            1000,
            1024 * 1024,
            Duration.ofHours(24),
            Duration.ofDays(7),
            256,
            Duration.ofSeconds(10),
            Duration.ofSeconds(30));

    public Limits {
        positive("maxMessageBytes", maxMessageBytes);
        positive("messagesPerSecond", messagesPerSecond);
        positive("messageBurst", messageBurst);
        positive("connectionsPerAddress", connectionsPerAddress);
        positive("maxQueuedMessages", maxQueuedMessages);
        positive("maxQueuedBytes", maxQueuedBytes);
        positive("httpConnectionsPerAddress", httpConnectionsPerAddress);
        positive("httpHeaderTimeout", httpHeaderTimeout);
        positive("httpIdleTimeout", httpIdleTimeout);
        if (joinDeadline.isNegative() || joinDeadline.isZero()) {
            throw new IllegalArgumentException("joinDeadline must be positive");
        }
        if (resumeGrace.isNegative()) {
            throw new IllegalArgumentException("resumeGrace must be zero or positive");
        }
        if (unusedRoomExpiry.isNegative()
                || unusedRoomExpiry.isZero()
                || unusedRoomExpiry.compareTo(Rooms.MAX_EXPIRY) > 0) {
            throw new IllegalArgumentException(
                    "unusedRoomExpiry must be positive and at most " + Rooms.MAX_EXPIRY.toDays() + " days");
        }
        if (maxTokenLifetime.isNegative()
                || maxTokenLifetime.isZero()
                || maxTokenLifetime.compareTo(MAX_TOKEN_LIFETIME_LIMIT) > 0) {
            throw new IllegalArgumentException(
                    "maxTokenLifetime must be positive and at most " + MAX_TOKEN_LIFETIME_LIMIT.toDays() + " days");
        }
    }

    /** Size at which the socket itself is closed instead of answering {@code too_large}. */
    public int closeAboveBytes() {
        return Math.max(1024 * 1024, maxMessageBytes * 4);
    }

    private static void positive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
