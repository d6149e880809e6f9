package dev.mosaic.server.sfu;

import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.core.protocol.SfuFeed;
import dev.mosaic.server.room.Member;
import dev.mosaic.server.room.Room;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One Mosaic room's side on Janus: its VideoRoom room, the feeds published in it, each participant's handles. */
final class SfuRoom {
    private static final Logger LOG = LoggerFactory.getLogger(SfuRoom.class);
    /** Most feeds a Janus room accepts: cameras and screens of a large class. */
    static final int MAX_PUBLISHERS = 200;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A published feed: Janus's id for it stays here; browsers know it by participant and source. */
    record Feed(long id, String participantId, String source, SdpMedia media) {
        SfuFeed wire() {
            return new SfuFeed(participantId, source, media.has("video"), media.has("audio"), media.simulcast());
        }
    }

    private final Room room;
    /** The Janus the room is on, or null while none is up (then {@link #janusRoom} holds why). */
    volatile JanusNode node;

    volatile CompletableFuture<Long> janusRoom;
    private final Map<String, SfuPeer> peers = new ConcurrentHashMap<>();
    /**
     * Guarded by this. Members that left for good (removed, left, dropped), held weakly: a request of
     * theirs still in flight must not bring back a peer whose handles nobody would ever detach.
     */
    private final Set<Member> departed = Collections.newSetFromMap(new WeakHashMap<>());
    /** Guarded by this. In publishing order, so everyone's list has the same order. */
    private final LinkedHashMap<Long, Feed> feeds = new LinkedHashMap<>();

    private volatile boolean closed;

    SfuRoom(Room room, JanusNode node) {
        this.room = room;
        this.node = node;
        this.janusRoom = createOn(node);
    }

    /** A room that starts while no Janus is up: it waits for one ({@link JanusFailover#up}). */
    SfuRoom(Room room, JanusException none) {
        this.room = room;
        this.node = null;
        this.janusRoom = CompletableFuture.failedFuture(none);
    }

    private CompletableFuture<Long> createOn(JanusNode node) {
        CompletableFuture<Long> created = node.createRoom(room.options().e2ee(), MAX_PUBLISHERS);
        created.whenComplete((id, error) -> {
            if (error != null) {
                LOG.warn(
                        "could not create the Janus room for {} on {}: {}",
                        room.name(),
                        node.url(),
                        error.getMessage());
            }
        });
        return created;
    }

    /**
     * The room's Janus is gone: the room is made again, with the same settings, on {@code next} (or,
     * when {@code next} is null, waits without one and every media request is refused with
     * {@code unavailable}). The feeds and every participant's handles died with the old Janus; the
     * participants are told with {@code notice} (sfu.restart, or sfu_unavailable) and publish and
     * subscribe again.
     */
    void moveTo(JanusNode next, JanusException unavailable, ServerMessage notice) {
        synchronized (this) {
            if (closed) {
                return;
            }
            node = next;
            janusRoom = next == null ? CompletableFuture.failedFuture(unavailable) : createOn(next);
            feeds.clear();
        }
        peers.values().forEach(SfuPeer::mediaServerLost);
        peers.values().forEach(p -> p.send(notice));
    }

    Room room() {
        return room;
    }

    boolean e2ee() {
        return room.options().e2ee();
    }

    void entered(Member member) {
        SfuPeer peer = peer(member);
        if (peer != null) {
            peer.send(new ServerMessage.SfuFeeds(wireFeeds()));
        }
    }

    /**
     * This member's SFU side (after a resume it sends on the member's new connection), or null once the
     * member has left: whatever it still sends then opens no handle.
     */
    synchronized SfuPeer peer(Member member) {
        if (departed.contains(member)) {
            return null;
        }
        return peers.computeIfAbsent(member.id(), id -> new SfuPeer(this, member));
    }

    static long newFeedId() {
        return 1 + (RANDOM.nextLong() >>> 12);
    }

    synchronized void feedPublished(Feed feed) {
        feeds.put(feed.id(), feed);
        broadcastFeeds();
    }

    void feedGone(long feedId) {
        synchronized (this) {
            if (feeds.remove(feedId) == null) {
                return;
            }
            broadcastFeeds();
        }
        // Outside this room's lock: a peer queues the change behind its own lock, which its Janus events hold
        // while they read this room's feeds.
        peers.values().forEach(p -> p.feedGone(feedId));
    }

    synchronized Feed feed(String participantId, String source) {
        return feeds.values().stream()
                .filter(f ->
                        f.participantId().equals(participantId) && f.source().equals(source))
                .findFirst()
                .orElse(null);
    }

    synchronized Feed feed(long id) {
        return feeds.get(id);
    }

    private synchronized List<SfuFeed> wireFeeds() {
        List<SfuFeed> list = new ArrayList<>();
        feeds.values().forEach(f -> list.add(f.wire()));
        return list;
    }

    private void broadcastFeeds() {
        ServerMessage.SfuFeeds message = new ServerMessage.SfuFeeds(wireFeeds());
        peers.values().forEach(p -> p.send(message));
    }

    void left(Member member) {
        SfuPeer peer;
        synchronized (this) {
            departed.add(member);
            peer = peers.remove(member.id());
        }
        if (peer != null) {
            peer.close();
        }
    }

    void close() {
        JanusNode on;
        CompletableFuture<Long> created;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            on = node;
            created = janusRoom;
        }
        peers.values().forEach(SfuPeer::close);
        peers.clear();
        if (on == null) {
            return; // no Janus holds it
        }
        created.thenCompose(on::destroyRoom).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("could not destroy the Janus room of {}: {}", room.name(), error.getMessage());
            }
        });
    }
}
