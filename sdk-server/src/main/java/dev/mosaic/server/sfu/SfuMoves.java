package dev.mosaic.server.sfu;

import dev.mosaic.server.room.Room;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves {@code auto} rooms from the mesh to the SFU when they grow (docs/sfu.md). The Janus room is
 * made first and the room moves only once it exists: if no Janus answers, nobody has dropped a mesh
 * link for nothing, the room stays a mesh and its hosts hear why. The next arrival tries again.
 */
final class SfuMoves {
    private static final Logger LOG = LoggerFactory.getLogger(SfuMoves.class);

    private final SfuMedia media;
    private final JanusPool pool;
    /** Rooms whose Janus room is being made: later arrivals meanwhile start no second one. */
    private final Set<Room> moving = ConcurrentHashMap.newKeySet();

    SfuMoves(SfuMedia media, JanusPool pool) {
        this.media = media;
        this.pool = pool;
    }

    /** Called under the room's lock: only starts the work; the move itself comes when Janus answered. */
    void crowded(Room room) {
        if (pool.isEmpty()) {
            room.sfuUnavailable("this server has no media server: start it with --janus-url");
            return;
        }
        if (!moving.add(room)) {
            return;
        }
        SfuRoom sfu = media.roomFor(room);
        // Read now: a Janus that dies meanwhile leaves the room on no node (JanusFailover).
        JanusNode node = sfu.node;
        String where = node == null ? "no Janus (none is up)" : String.valueOf(node.url());
        // Async: the room's lock must not be taken on the Janus client's reading thread.
        sfu.janusRoom
                .handleAsync((id, error) -> {
                    moving.remove(room);
                    if (error == null) {
                        if (room.moveToSfu()) {
                            LOG.info("room {} moved from mesh to the SFU on {}", room.name(), where);
                        }
                        return null;
                    }
                    media.discard(sfu);
                    Throwable cause =
                            error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    LOG.warn("room {} stays a mesh: no Janus room on {}: {}", room.name(), where, cause.getMessage());
                    room.sfuUnavailable("the media server did not answer: " + cause.getMessage());
                    return null;
                })
                .exceptionally(bug -> {
                    // Nothing else would see it: a failure here once left a host without the notice.
                    LOG.error("moving room {} to the SFU failed", room.name(), bug);
                    return null;
                });
    }
}
