package dev.mosaic.server.sfu;

import com.google.gson.JsonObject;
import dev.mosaic.core.protocol.MediaKind;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host's decisions in the media path, for one participant of an sfu room: the kinds it may not send
 * now (see {@code RoomMediaHooks.withheld}) are muted on its Janus publisher streams with VideoRoom's
 * {@code moderate} request, so Janus forwards them to nobody whatever the client sends, and unmuted
 * when the host lets them through again. A feed published later gets the same treatment before its
 * answer goes out, so no media of a withheld kind flows from it even for a moment.
 * <p>Used only on the participant's publishing chain ({@link SfuPeer}), so it sees publishes and
 * changes in the order they happened.
 */
final class SfuModeration {
    private static final Logger LOG = LoggerFactory.getLogger(SfuModeration.class);

    /** One published feed, the handle its requests go through, and which of its mids Janus has muted now. */
    private record Moderated(SfuRoom.Feed feed, JanusHandle handle, Set<String> muted) {}

    private final SfuRoom room;
    private Set<MediaKind> withheld = EnumSet.noneOf(MediaKind.class);
    /** By source. */
    private final Map<String, Moderated> feeds = new HashMap<>();

    SfuModeration(SfuRoom room) {
        this.room = room;
    }

    /**
     * The mids of a {@code source} feed that carry what {@code kinds} withholds. Audio is a microphone
     * on any source (a client could otherwise send its microphone as a screen's sound); video is a
     * camera on any source but a screen; a screen feed, sound and picture, is {@code screen}.
     */
    static Set<String> mids(String source, SdpMedia media, Set<MediaKind> kinds) {
        boolean screen = "screen".equals(source);
        Set<String> mids = new LinkedHashSet<>();
        for (SdpMedia.Line line : media.lines()) {
            boolean audio = line.kind().equals("audio");
            boolean video = line.kind().equals("video");
            if ((audio && kinds.contains(MediaKind.AUDIO))
                    || (video && !screen && kinds.contains(MediaKind.VIDEO))
                    || ((audio || video) && screen && kinds.contains(MediaKind.SCREEN))) {
                mids.add(line.mid());
            }
        }
        return mids;
    }

    /**
     * A feed was just published on {@code handle} (Janus answered, nothing flows yet): mutes what is
     * withheld now. Fails if Janus refuses, so that the caller drops the feed rather than let it through.
     */
    CompletableFuture<?> published(String source, SfuRoom.Feed feed, JanusHandle handle) {
        Moderated m = new Moderated(feed, handle, new HashSet<>());
        return apply(m, mids(source, feed.media(), withheld)).thenRun(() -> feeds.put(source, m));
    }

    /** The feed of {@code source} ended (unpublished, replaced, left): nothing more to moderate there. */
    void unpublished(String source) {
        feeds.remove(source);
    }

    /** The kinds withheld from now on: mutes and unmutes the live feeds' streams to match. */
    CompletableFuture<?> withhold(Set<MediaKind> kinds) {
        withheld = kinds.isEmpty() ? EnumSet.noneOf(MediaKind.class) : EnumSet.copyOf(kinds);
        CompletableFuture<?> all = CompletableFuture.completedFuture(null);
        for (Map.Entry<String, Moderated> e : feeds.entrySet()) {
            Moderated m = e.getValue();
            Set<String> target = mids(e.getKey(), m.feed().media(), withheld);
            all = all.thenCompose(x -> apply(m, target).exceptionally(error -> {
                // The feed may have just ended on Janus's side; a later change tries again.
                LOG.warn(
                        "could not moderate feed {} of {} in {}: {}",
                        m.feed().source(),
                        m.feed().participantId(),
                        room.room().name(),
                        error.getMessage());
                return null;
            }));
        }
        return all;
    }

    /** Asks Janus to mute exactly {@code target} of {@code m}'s mids, one request per mid that changes. */
    private CompletableFuture<?> apply(Moderated m, Set<String> target) {
        CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
        for (SdpMedia.Line line : m.feed().media().lines()) {
            String mid = line.mid();
            boolean mute = target.contains(mid);
            if (mute != m.muted().contains(mid)) {
                chain = chain.thenCompose(x -> moderate(m, mid, mute)).thenRun(() -> {
                    if (mute) {
                        m.muted().add(mid);
                    } else {
                        m.muted().remove(mid);
                    }
                });
            }
        }
        return chain;
    }

    private CompletableFuture<JsonObject> moderate(Moderated m, String mid, boolean mute) {
        return room.janusRoom.thenCompose(janusRoom -> {
            JsonObject body = new JsonObject();
            body.addProperty("request", "moderate");
            body.addProperty("room", janusRoom);
            body.addProperty("id", m.feed().id());
            body.addProperty("mid", mid);
            body.addProperty("mute", mute);
            return m.handle().message(body, null);
        });
    }
}
