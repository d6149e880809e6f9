package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.protocol.SfuWant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A subscription is counted in the streams Janus would put in one offer. */
class SubscriptionLimitTest {
    private static final SdpMedia CAMERA = SdpMedia.of("m=audio 9 X 111\r\na=mid:0\r\nm=video 9 X 96\r\na=mid:1\r\n");

    private final Map<String, SfuRoom.Feed> feeds = new HashMap<>();

    private List<SfuWant> publishers(int count, String layer) {
        List<SfuWant> want = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "p" + i;
            feeds.put(id, new SfuRoom.Feed(1000 + i, id, "camera", CAMERA));
            want.add(new SfuWant(id, "camera", layer));
        }
        return want;
    }

    private int streams(List<SfuWant> want) {
        return SubscriptionLimit.streams(want, "me", (id, source) -> feeds.get(id));
    }

    @Test
    void aClassOf49FitsAndSeventySixFeedsDoNot() {
        assertEquals(96, streams(publishers(48, null)));
        assertTrue(streams(publishers(75, "low")) <= SubscriptionLimit.MAX_STREAMS);
        assertTrue(streams(publishers(76, "high")) > SubscriptionLimit.MAX_STREAMS);
    }

    @Test
    void soundOnlyCountsOneStreamAndUnknownOwnOrRepeatedFeedsNone() {
        List<SfuWant> want = new ArrayList<>(publishers(3, "audio-only"));
        want.add(new SfuWant("nobody", "camera", null));
        want.add(want.get(0));
        feeds.put("me", new SfuRoom.Feed(1, "me", "camera", CAMERA));
        want.add(new SfuWant("me", "camera", null));
        assertEquals(3, streams(want));
        assertTrue(SubscriptionLimit.refusal(200).contains("at most 150"));
    }
}
