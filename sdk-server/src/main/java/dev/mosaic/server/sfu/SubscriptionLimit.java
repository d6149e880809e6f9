package dev.mosaic.server.sfu;

import dev.mosaic.core.protocol.SfuWant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * How many streams one subscriber connection may carry. Janus 1.1.2 (Debian's) writes its offer's
 * {@code a=group:BUNDLE 0 1 2 ...} through a 512-byte buffer (sdp-utils.c, janus_sdp_attribute_create;
 * later Janus has 2048): mids 0 to 152 fit, the rest would be cut from the group and never flow. So a
 * subscription of more than {@link #MAX_STREAMS} streams is refused with a clear error instead: 75 feeds
 * with sound and video, far more than one screen shows (pages of 24 are the norm).
 */
final class SubscriptionLimit {
    static final int MAX_STREAMS = 150;

    private SubscriptionLimit() {}

    /** The streams {@code want} asks for: each feed's m-lines, or its sound alone for {@code audio-only}. */
    static int streams(List<SfuWant> want, String self, BiFunction<String, String, SfuRoom.Feed> feedOf) {
        int streams = 0;
        Set<Long> counted = new HashSet<>();
        for (SfuWant w : want) {
            SfuRoom.Feed feed = feedOf.apply(w.participantId(), w.source());
            if (feed == null || feed.participantId().equals(self) || !counted.add(feed.id())) {
                continue; // not published, one's own, or asked twice: none of these is subscribed
            }
            streams += "audio-only".equals(w.layer())
                    ? (feed.media().has("audio") ? 1 : 0)
                    : feed.media().lines().size();
        }
        return streams;
    }

    static String refusal(int streams) {
        return "this subscription would carry " + streams + " streams; the media server takes at most " + MAX_STREAMS
                + " on one connection (75 feeds with sound and video): subscribe to a page";
    }
}
