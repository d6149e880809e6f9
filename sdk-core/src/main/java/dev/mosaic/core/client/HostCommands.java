package dev.mosaic.core.client;

import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.Role;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a host can do to the room and the people in it: {@code client.host().mute(id, MediaKind.AUDIO)}.
 * The server refuses each of these with {@code forbidden} when the client is not a host; refusals arrive in
 * {@link MeetingClientListener#onError}.
 */
public final class HostCommands {
    private final Consumer<ClientMessage> send;
    private final Supplier<String> nextId;

    HostCommands(Consumer<ClientMessage> send, Supplier<String> nextId) {
        this.send = send;
        this.nextId = nextId;
    }

    /** Turn off one kind of someone's media. */
    public void mute(String participantId, MediaKind kind) {
        send.accept(new ClientMessage.Mute(nextId.get(), participantId, kind));
    }

    /** Turn off one kind of media (e.g. everyone's microphone) for everyone who is not a host. */
    public void muteAll(MediaKind kind) {
        send.accept(new ClientMessage.MuteAll(nextId.get(), Objects.requireNonNull(kind)));
    }

    /** Mute everyone who is not a host; with {@code allowUnmute} false they may not turn it back on. */
    public void muteAll(MediaKind kind, boolean allowUnmute) {
        send.accept(new ClientMessage.MuteAll(nextId.get(), Objects.requireNonNull(kind), allowUnmute));
    }

    /** Whether participants may turn {@code kind} on themselves (the room's setting). */
    public void allowUnmute(MediaKind kind, boolean allowed) {
        send.accept(new ClientMessage.AllowUnmute(nextId.get(), Objects.requireNonNull(kind), allowed, null));
    }

    /** Lets one participant turn {@code kind} on although the room does not, or takes that back. */
    public void allowUnmute(String participantId, MediaKind kind, boolean allowed) {
        send.accept(new ClientMessage.AllowUnmute(
                nextId.get(), Objects.requireNonNull(kind), allowed, Objects.requireNonNull(participantId)));
    }

    /** Send someone out of the room; their invitation cannot bring them back. */
    public void remove(String participantId) {
        send.accept(new ClientMessage.Remove(nextId.get(), participantId));
    }

    /** Make someone a host too. */
    public void promote(String participantId) {
        send.accept(new ClientMessage.Promote(nextId.get(), participantId));
    }

    /**
     * Raises a participant to {@code role}; {@link Role#PARTICIPANT} lets a viewer speak, chat and share.
     * Roles are never lowered.
     */
    public void promote(String participantId, Role role) {
        if (role == Role.VIEWER) {
            throw new IllegalArgumentException("promote raises a role: host or participant");
        }
        send.accept(new ClientMessage.Promote(nextId.get(), participantId, role == Role.HOST ? "host" : "participant"));
    }

    /** Refuse new joins ({@code true}) or accept them again. */
    public void lock(boolean lock) {
        send.accept(new ClientMessage.Lock(nextId.get(), lock));
    }

    /** Let someone in from the waiting room. */
    public void admit(String participantId) {
        send.accept(new ClientMessage.Admit(nextId.get(), participantId));
    }

    /** Turn someone away from the waiting room. */
    public void deny(String participantId) {
        send.accept(new ClientMessage.Deny(nextId.get(), participantId));
    }

    /** End the meeting for everyone. */
    public void end() {
        send.accept(new ClientMessage.End(nextId.get()));
    }
}
