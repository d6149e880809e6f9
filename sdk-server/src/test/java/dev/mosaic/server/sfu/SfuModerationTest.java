package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mosaic.core.protocol.MediaKind;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which of a feed's streams a host's lock holds back on Janus (SfuModerationIT shows Janus obeying). */
class SfuModerationTest {
    private static final SdpMedia CAMERA = SdpMedia.of(String.join(
            "\r\n",
            "v=0",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "a=mid:0",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "a=mid:1",
            ""));
    /** A modified client may put a second microphone, or its camera, on any m-line it likes. */
    private static final SdpMedia SCREEN_WITH_SOUND = SdpMedia.of(String.join(
            "\r\n",
            "v=0",
            "m=video 9 UDP/TLS/RTP/SAVPF 96",
            "a=mid:v",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "a=mid:a",
            "m=audio 9 UDP/TLS/RTP/SAVPF 111",
            "a=mid:a2",
            ""));

    @Test
    void aLockedMicrophoneHoldsBackEverySoundTheParticipantSendsAndNothingElse() {
        Set<MediaKind> audio = EnumSet.of(MediaKind.AUDIO);
        assertEquals(Set.of("0"), SfuModeration.mids("camera", CAMERA, audio));
        // A microphone sent as a screen's sound is still a microphone.
        assertEquals(Set.of("a", "a2"), SfuModeration.mids("screen", SCREEN_WITH_SOUND, audio));
    }

    @Test
    void aLockedCameraHoldsBackTheCameraPictureButNotAScreen() {
        Set<MediaKind> video = EnumSet.of(MediaKind.VIDEO);
        assertEquals(Set.of("1"), SfuModeration.mids("camera", CAMERA, video));
        assertEquals(Set.of(), SfuModeration.mids("screen", SCREEN_WITH_SOUND, video));
    }

    @Test
    void aLockedScreenHoldsBackTheWholeScreenFeed() {
        Set<MediaKind> screen = EnumSet.of(MediaKind.SCREEN);
        assertEquals(Set.of("v", "a", "a2"), SfuModeration.mids("screen", SCREEN_WITH_SOUND, screen));
        assertEquals(Set.of(), SfuModeration.mids("camera", CAMERA, screen));
    }

    @Test
    void nothingLockedHoldsBackNothing() {
        assertEquals(Set.of(), SfuModeration.mids("camera", CAMERA, EnumSet.noneOf(MediaKind.class)));
        assertEquals(
                Set.of("0", "1"), SfuModeration.mids("camera", CAMERA, EnumSet.of(MediaKind.AUDIO, MediaKind.VIDEO)));
    }
}
