package dev.mosaic.server.sfu;

import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.ServerMessage;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Janus that dies means for the rooms on it: each is made again on the least loaded live Janus
 * (same settings) and its participants get {@code sfu.restart}, on which they publish and subscribe
 * again. With no Janus left the rooms wait without one (participants get {@code sfu_unavailable}; the
 * meeting, chat and host controls go on), and the first Janus that comes back takes them.
 */
final class JanusFailover implements JanusPool.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(JanusFailover.class);

    private final JanusPool pool;
    private final Collection<SfuRoom> rooms;

    JanusFailover(JanusPool pool, Collection<SfuRoom> rooms) {
        this.pool = pool;
        this.rooms = rooms;
    }

    @Override
    public void down(JanusNode dead) {
        for (SfuRoom room : rooms) {
            if (room.node == dead) {
                move(room, "the media server of this room stopped");
            }
        }
    }

    @Override
    public void up(JanusNode back) {
        for (SfuRoom room : rooms) {
            if (room.node == null) {
                move(room, "a media server is up again");
            }
        }
    }

    private void move(SfuRoom room, String why) {
        JanusNode next;
        try {
            next = pool.place();
        } catch (JanusException none) {
            LOG.warn("room {} has no media server now: {}", room.room().name(), none.getMessage());
            room.moveTo(
                    null,
                    none,
                    new ServerMessage.Error(
                            ErrorCode.SFU_UNAVAILABLE,
                            "the media server of this room stopped and no other is up: the meeting goes on "
                                    + "without audio and video, which come back by themselves when one returns",
                            null));
            return;
        }
        LOG.info("room {} moves to the Janus at {}: {}", room.room().name(), next.url(), why);
        room.moveTo(next, null, new ServerMessage.SfuRestart(why));
    }
}
