package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What sfu.feeds says about a feed comes from the publisher's offer. */
class SdpMediaTest {
    private static final String CAMERA_WITH_SIMULCAST = String.join(
            "\r\n",
            "v=0",
            "o=- 1 2 IN IP4 127.0.0.1",
            "s=-",
            "t=0 0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "a=mid:0",
            "a=sendonly",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "a=mid:1",
            "a=sendonly",
            "a=rid:l send",
            "a=rid:m send",
            "a=rid:h send",
            "a=simulcast:send l;m;h",
            "");

    @Test
    void readsKindsMidsAndSimulcast() {
        SdpMedia media = SdpMedia.of(CAMERA_WITH_SIMULCAST);
        assertTrue(media.has("audio"));
        assertTrue(media.has("video"));
        assertEquals("0", media.mid("audio"));
        assertEquals("1", media.mid("video"));
        assertTrue(media.simulcast());
    }

    @Test
    void aScreenWithoutSoundOrLayers() {
        SdpMedia media = SdpMedia.of("v=0\nm=video 9 UDP/TLS/RTP/SAVPF 96\na=mid:0\na=sendonly\n");
        assertFalse(media.has("audio"));
        assertNull(media.mid("audio"));
        assertEquals("0", media.mid("video"));
        assertFalse(media.simulcast());
    }
}
