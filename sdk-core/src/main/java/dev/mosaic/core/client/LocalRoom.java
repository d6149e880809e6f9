package dev.mosaic.core.client;

import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.ServerMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The room as this client sees it: who we are, who else is here, and the room's settings. It only listens:
 * the connection hands it the server's messages, it keeps the copy and tells the application what changed.
 * Changed only on the client's event thread; read from any thread.
 */
final class LocalRoom {
    private final MeetingClientListener listener;
    /** Changed only on the event thread; read from any thread under its own lock. */
    private final Map<String, Participant> participants = Collections.synchronizedMap(new LinkedHashMap<>());

    private volatile Participant self;
    private volatile boolean e2ee;
    private volatile boolean locked;
    private volatile List<MediaKind> unmuteLocked = List.of();
    /** How media travel now (mesh or sfu); null from a server that does not say. */
    private volatile MediaMode media;

    LocalRoom(MeetingClientListener listener) {
        this.listener = listener;
    }

    /** A {@code joined} (first join, resume, or a new join after the grace period) says everything afresh. */
    void reset(ServerMessage.Joined j) {
        self = j.you();
        synchronized (participants) {
            participants.clear();
            j.participants().forEach(p -> participants.put(p.id(), p));
        }
        e2ee = j.e2ee();
        locked = j.locked();
        unmuteLocked = copy(j.unmuteLocked());
        MediaMode before = media;
        media = j.media();
        // A resume after a move we missed (the socket was down when roomUpdated went out) says it here.
        if (before != null && media != null && media != before) {
            listener.onMediaModeChanged(media);
        }
    }

    /** Applies a message about the room and tells the listener; false for messages that are not about the room. */
    boolean apply(ServerMessage message) {
        if (message instanceof ServerMessage.ParticipantJoined m) {
            participants.put(m.participant().id(), m.participant());
            listener.onParticipantJoined(m.participant());
        } else if (message instanceof ServerMessage.ParticipantLeft m) {
            Participant gone = participants.remove(m.participantId());
            if (gone != null) {
                listener.onParticipantLeft(gone, m.reason());
            }
        } else if (message instanceof ServerMessage.ParticipantUpdated m) {
            updated(m.participant());
        } else if (message instanceof ServerMessage.RoomUpdated m) {
            locked = m.locked();
            unmuteLocked = copy(m.unmuteLocked());
            e2ee = m.e2ee();
            MediaMode before = media;
            if (m.media() != null) {
                media = m.media();
            }
            listener.onRoomUpdated(m);
            if (m.media() != null && before != null && m.media() != before) {
                listener.onMediaModeChanged(m.media());
            }
        } else {
            return false;
        }
        return true;
    }

    private void updated(Participant p) {
        Participant me = self;
        boolean mine = me != null && p.id().equals(me.id());
        Participant before = mine ? me : participants.get(p.id());
        if (mine) {
            self = p;
        } else {
            participants.put(p.id(), p);
        }
        listener.onParticipantUpdated(p);
        if (p.media().hand() && (before == null || !before.media().hand())) {
            listener.onHandRaised(p);
        }
    }

    Participant self() {
        return self;
    }

    /** Someone else in the room by id, or null. */
    Participant participant(String id) {
        return participants.get(id);
    }

    /** Everyone else in the room, in join order. */
    List<Participant> participants() {
        synchronized (participants) {
            return List.copyOf(participants.values());
        }
    }

    /** The ids of everyone else in the room. */
    List<String> presentIds() {
        synchronized (participants) {
            return List.copyOf(participants.keySet());
        }
    }

    boolean e2ee() {
        return e2ee;
    }

    boolean locked() {
        return locked;
    }

    MediaMode media() {
        return media;
    }

    List<MediaKind> unmuteLocked() {
        return unmuteLocked;
    }

    private static List<MediaKind> copy(List<MediaKind> kinds) {
        return kinds == null ? List.of() : List.copyOf(kinds);
    }
}
