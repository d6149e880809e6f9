package dev.mosaic.server.room;

import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.ServerMessage;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One participant session in a room. It outlives a dropped connection for the resume grace period:
 * while detached, chat and end-to-end encryption messages for it are kept (up to {@link #MAX_HELD_CHAT})
 * and everything else is dropped, because {@code joined} on resume carries the current state anyway;
 * a missed key or roster, by contrast, would leave the member unable to decrypt until the next epoch.
 * <p>Fields are guarded by the owning {@link Room}'s lock.
 */
public final class Member implements Actor {
    static final int MAX_HELD_CHAT = 100;

    private Participant participant;
    private Connection connection;
    private String resumeSecret;
    private final String joinRequestId;
    private final String tokenId;
    private final Instant arrivedAt;
    private int detachCount;
    private final ArrayDeque<ServerMessage> heldChat = new ArrayDeque<>();
    private ServerMessage.E2ee hello;
    /** Kinds a host lets this member turn on although the room does not let participants unmute. */
    private final java.util.EnumSet<dev.mosaic.core.protocol.MediaKind> unmuteAllowed =
            java.util.EnumSet.noneOf(dev.mosaic.core.protocol.MediaKind.class);

    public Member(
            Participant participant, Connection connection, String joinRequestId, String tokenId, Instant arrivedAt) {
        this.participant = participant;
        this.connection = connection;
        this.joinRequestId = joinRequestId;
        this.tokenId = tokenId;
        this.arrivedAt = arrivedAt;
    }

    @Override
    public synchronized Participant participant() {
        return participant;
    }

    public String id() {
        return participant().id();
    }

    synchronized void participant(Participant updated) {
        this.participant = updated;
    }

    synchronized boolean mayUnmute(dev.mosaic.core.protocol.MediaKind kind) {
        return unmuteAllowed.contains(kind);
    }

    synchronized void allowUnmute(dev.mosaic.core.protocol.MediaKind kind, boolean allowed) {
        if (allowed) {
            unmuteAllowed.add(kind);
        } else {
            unmuteAllowed.remove(kind);
        }
    }

    synchronized Connection connection() {
        return connection;
    }

    /** Attaches a new connection (resume) and returns the chat held while detached. */
    synchronized List<ServerMessage> attach(Connection next) {
        this.connection = next;
        List<ServerMessage> held = new ArrayList<>(heldChat);
        heldChat.clear();
        return held;
    }

    /**
     * Detaches {@code dropped} if it is still this member's connection; returns which detachment this
     * is (so a grace timer from an earlier drop can tell it is stale), or -1 if nothing changed.
     */
    synchronized int detach(Connection dropped) {
        if (connection != dropped || dropped == null) {
            return -1;
        }
        connection = null;
        return ++detachCount;
    }

    /** True if the member is still detached since detachment number {@code count}. */
    synchronized boolean detachedSince(int count) {
        return connection == null && detachCount == count;
    }

    /** The member's last {@code e2ee.hello} as relayed, or null if it has sent none. */
    synchronized ServerMessage.E2ee hello() {
        return hello;
    }

    synchronized void hello(ServerMessage.E2ee hello) {
        this.hello = hello;
    }

    String tokenId() {
        return tokenId;
    }

    synchronized boolean detached() {
        return connection == null;
    }

    synchronized String resumeSecret() {
        return resumeSecret;
    }

    synchronized void resumeSecret(String secret) {
        this.resumeSecret = secret;
    }

    String joinRequestId() {
        return joinRequestId;
    }

    Instant arrivedAt() {
        return arrivedAt;
    }

    /** Sends to the member now, or holds chat and E2EE messages while it is detached; any thread may call it. */
    public synchronized void send(ServerMessage message) {
        if (connection != null) {
            connection.send(message);
        } else if (message instanceof ServerMessage.Chat || message instanceof ServerMessage.E2ee) {
            if (heldChat.size() == MAX_HELD_CHAT) {
                heldChat.removeFirst();
            }
            heldChat.addLast(message);
        }
    }

    synchronized void close(int code, String reason) {
        if (connection != null) {
            connection.close(code, reason);
        }
    }
}
