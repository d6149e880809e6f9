package dev.mosaic.server.sfu;

import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.ProtocolException;
import dev.mosaic.server.room.Member;
import dev.mosaic.server.room.Room;
import dev.mosaic.server.room.RoomMediaHooks;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of {@code sfu} rooms: each Mosaic room has a Janus VideoRoom room (created when the
 * Mosaic room starts, destroyed when it ends); each participant one publisher handle per source it
 * sends and one multistream subscriber handle. Browsers see only Mosaic's {@code sfu.*} messages and
 * participant ids: Janus's ids and API stay here.
 */
public final class SfuMedia implements RoomMediaHooks, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SfuMedia.class);

    private final JanusPool pool;
    private final Map<String, SfuRoom> rooms = new ConcurrentHashMap<>();
    private final SfuMoves moves;

    public SfuMedia(JanusPool pool) {
        this.pool = pool;
        this.moves = new SfuMoves(this, pool);
        pool.listen(new JanusFailover(pool, rooms.values()));
    }

    /** For a server without Janus: {@code sfu} messages are answered {@code sfu_unavailable}. */
    public static SfuMedia none() {
        return new SfuMedia(new JanusPool(java.util.List.of(), null));
    }

    /** A member entered (or resumed in) {@code room}: in an sfu room it gets the feeds published now. */
    @Override
    public void admitted(Room room, Member member) {
        if (room.media() == MediaMode.SFU && !pool.isEmpty()) {
            roomFor(room).entered(member);
        }
    }

    public void publish(Room room, Member member, ClientMessage.SfuPublish m) throws ProtocolException {
        peer(room, member).publish(m.id(), m.source(), m.sdp());
    }

    public void unpublish(Room room, Member member, ClientMessage.SfuUnpublish m) throws ProtocolException {
        peer(room, member).unpublish(m.id(), m.source());
    }

    public void subscribe(Room room, Member member, ClientMessage.SfuSubscribe m) throws ProtocolException {
        peer(room, member).subscribe(m.id(), m.want());
    }

    public void answer(Room room, Member member, ClientMessage.SfuAnswer m) throws ProtocolException {
        peer(room, member).answer(m.id(), m.sdp());
    }

    public void candidate(Room room, Member member, ClientMessage.SfuCandidate m) throws ProtocolException {
        SfuPeer peer = peer(room, member);
        if ("publisher".equals(m.pc())) {
            peer.publisherCandidate(m.sourceOrCamera(), m.candidate());
        } else {
            peer.subscriberCandidate(m.candidate());
        }
    }

    /** The sender's SFU side; {@code forbidden} once it has left (a request still in flight after a removal). */
    private SfuPeer peer(Room room, Member member) throws ProtocolException {
        SfuPeer peer = sfuRoom(room).peer(member);
        if (peer == null) {
            throw new ProtocolException(ErrorCode.FORBIDDEN, "you are no longer in this meeting");
        }
        return peer;
    }

    private SfuRoom sfuRoom(Room room) throws ProtocolException {
        if (room.media() != MediaMode.SFU) {
            throw new ProtocolException(
                    ErrorCode.BAD_REQUEST, "this room is a mesh (joined.media): use offer, answer and candidate");
        }
        if (pool.isEmpty()) {
            throw new ProtocolException(ErrorCode.SFU_UNAVAILABLE, "this server has no media server for sfu rooms");
        }
        return roomFor(room);
    }

    /** The SFU side of {@code room}, made on first need; a room that ended and started again gets a new one. */
    SfuRoom roomFor(Room room) {
        SfuRoom[] replaced = new SfuRoom[1];
        SfuRoom sfu = rooms.compute(room.name(), (name, existing) -> {
            if (existing != null && existing.room() == room) {
                return existing;
            }
            replaced[0] = existing;
            try {
                return new SfuRoom(room, pool.place());
            } catch (JanusException none) {
                return new SfuRoom(room, none); // every Janus is down: media waits for one to return
            }
        });
        if (replaced[0] != null) {
            replaced[0].close();
        }
        return sfu;
    }

    /** The first participant entered: the Janus room is made now, before anyone publishes. */
    @Override
    public void started(Room room) {
        if (room.media() == MediaMode.SFU && !pool.isEmpty()) {
            roomFor(room);
        }
    }

    /** An auto room grew past its threshold: it moves here once its Janus room exists (SfuMoves). */
    @Override
    public void crowded(Room room) {
        moves.crowded(room);
    }

    /** A Janus room that could not be made: forgotten, so that the next try makes a new one. */
    void discard(SfuRoom sfu) {
        if (rooms.remove(sfu.room().name(), sfu)) {
            sfu.close();
        }
    }

    /** Someone left for good: their handles are torn down and their feeds leave everyone's list. */
    @Override
    public void left(Room room, Member member) {
        SfuRoom sfu = rooms.get(room.name());
        if (sfu != null && sfu.room() == room) {
            sfu.left(member);
        }
    }

    /** A host's decision changed what {@code member} may send: its Janus streams of those kinds forward to nobody. */
    @Override
    public void withheld(Room room, Member member, Set<MediaKind> kinds) {
        SfuRoom sfu = rooms.get(room.name());
        if (sfu != null && sfu.room() == room) {
            SfuPeer peer = sfu.peer(member);
            if (peer != null) {
                peer.withhold(kinds);
            }
        }
    }

    /** The room ended: its Janus room is destroyed (Janus hangs up every handle in it). */
    @Override
    public void ended(Room room) {
        SfuRoom sfu = rooms.get(room.name());
        if (sfu != null && sfu.room() == room && rooms.remove(room.name(), sfu)) {
            sfu.close();
        }
    }

    /** How many rooms have a Janus room now (for tests and checks). */
    public int roomCount() {
        return rooms.size();
    }

    @Override
    public void close() {
        rooms.values().forEach(SfuRoom::close);
        rooms.clear();
        pool.close();
        LOG.debug("SFU media closed");
    }
}
