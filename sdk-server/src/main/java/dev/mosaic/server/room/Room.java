package dev.mosaic.server.room;

import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.MediaState;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.server.events.Attendance;

/**
 * One meeting: who is in it and waiting, its settings, and every change to them. Each method is one
 * atomic change that also sends what the participants must see and reports it to the application's
 * callbacks, so that all of them observe changes in one order. Failures are {@link ProtocolException}s
 * with the code the sender gets. {@link InMemoryRoom} keeps all this in this server's memory.
 */
public interface Room {
    /** Where a join landed. */
    enum Entry {
        JOINED,
        WAITING
    }

    /** Thrown when a join reaches a room that ended meanwhile; the caller opens a fresh room. */
    final class EndedException extends Exception {
        EndedException() {
            super(null, null, false, false);
        }
    }

    String name();

    /** Random id of this instance of the room (a new one each time a room of this name starts). */
    String sessionId();

    RoomOptions options();

    /**
     * How media travel now: {@code MESH} or {@code SFU}, never {@code AUTO}. An {@code auto} room is a
     * mesh until it moves to the SFU ({@link #moveToSfu}), and never moves back.
     */
    MediaMode media();

    /**
     * Moves an {@code auto} room that is still a mesh to the SFU, live: everyone gets
     * {@code roomUpdated{media:"sfu"}} (and nobody leaves); false if it is no such room (any more).
     */
    boolean moveToSfu();

    /** An {@code auto} room could not move to the SFU and stays a mesh: its hosts get {@code sfu_unavailable}. */
    void sfuUnavailable(String reason);

    /**
     * Lets {@code member} in, or into the waiting room when {@code toWaitingRoom} or the room has one
     * (hosts never wait). Checks, in order: removed earlier, passcode, lock, capacity.
     */
    Entry enter(Member member, boolean toWaitingRoom, String passcode) throws ProtocolException, EndedException;

    /** The member leaves for good with {@code reason}; a waiting member just stops waiting. */
    void leave(Member member, LeaveReason reason);

    /**
     * The member's connection closed: it leaves at once unless {@code keepPlace}, in which case it stays
     * for the resume grace period, unseen by the others.
     */
    void disconnected(Member member, Connection dropped, boolean keepPlace);

    /** Puts a member back on {@code connection} and answers {@code joined}; {@code not_found} if it has left. */
    void resume(Member member, Connection connection, String requestId) throws ProtocolException;

    /**
     * {@code forbidden} when it turns on a kind that the room does not let participants unmute
     * themselves (see {@link #allowUnmute}), unless the member is a host or was let.
     */
    void updateMedia(Member member, MediaState media) throws ProtocolException;

    void chat(Member member, String text);

    /** Sends {@code message} to participant {@code to} only; {@code not_found} if they are not in this room. */
    void relay(Member from, String to, ServerMessage message) throws ProtocolException;

    /**
     * Relays an end-to-end encryption message from {@code from}: to participant {@code to}, or to
     * everyone else when {@code to} is null. Refuses ({@code forbidden}) in a room without E2EE, and
     * rosters, activations and keys from anyone but the key leader. A hello is also kept, for members
     * who join later, and may make its sender the key leader.
     */
    void relayE2ee(Member from, String to, ServerMessage.E2ee message) throws ProtocolException;

    // Host actions. {@code by} is a host in the room or the application (REST API); everyone in the
    // room sees the same either way, except that {@code muted.by} is absent for the application.

    void mute(Actor by, String targetId, MediaKind kind) throws ProtocolException;

    /**
     * Takes the target out ({@code left{removed}}) and refuses its token in this room from now on,
     * in later meetings of the room too, until the room is deleted or expires.
     */
    void remove(Actor by, String targetId) throws ProtocolException;

    void lock(Actor by, boolean lock);

    void admit(Actor by, String targetId) throws ProtocolException;

    void deny(Actor by, String targetId) throws ProtocolException;

    /**
     * Turns off {@code kind} for every member who is not a host. {@code allowUnmute} false also keeps
     * them from turning it back on (see {@link #allowUnmute(Actor, MediaKind, boolean)}), true lets them
     * again, null leaves that setting as it is.
     */
    void muteAll(Actor by, MediaKind kind, Boolean allowUnmute);

    /**
     * Whether participants may turn {@code kind} on themselves (hosts always may). Letting them again
     * clears the exceptions made with {@link #allowUnmute(Actor, String, MediaKind, boolean)}.
     */
    void allowUnmute(Actor by, MediaKind kind, boolean allowed);

    /**
     * Lets one participant turn {@code kind} on although the room does not, or takes that back and
     * turns it off; {@code not_found} if they are not in the room.
     */
    void allowUnmute(Actor by, String targetId, MediaKind kind, boolean allowed) throws ProtocolException;

    /**
     * Raises {@code targetId} to {@code role} (host, or participant for a viewer); a role already as
     * high stays. {@code not_found} if they are not in the room.
     */
    void promote(Actor by, String targetId, Role role) throws ProtocolException;

    /**
     * {@code reporter} reports {@code targetId} to the hosts (except the target) and the application;
     * {@code not_found} if the target is not in the room, {@code bad_request} for oneself,
     * {@code rate_limited} after {@value InMemoryRoom#MAX_REPORTS_PER_TOKEN} reports with one token in
     * this room, however often it left and came back.
     */
    void report(Member reporter, String targetId, String reason) throws ProtocolException;

    /**
     * A host (or the application) ended the meeting. After a host's end, a room created through the API,
     * or one with removed tokens, stays with its settings and removals for its next meeting; the
     * application's end deletes it, as {@link #end()} does.
     */
    void end(Actor by);

    /**
     * The application ends the meeting and deletes the room: everyone gets {@code left{reason:"ended"}},
     * and its settings and removals are forgotten; the next valid token for its name starts a plain room.
     */
    void end();

    /** True while {@code member} is in the waiting room. */
    boolean isWaiting(Member member);

    boolean ended();

    RoomState state();

    Attendance attendance();
}
