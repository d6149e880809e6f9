package dev.mosaic.core.e2ee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class KeyRingTest {
    private final ManualClock clock = new ManualClock();
    private final KeyRing ring = new KeyRing(clock);

    private static byte[] mk(int n) {
        return InteropVectorsWriter.fixed("key ring test MK " + n);
    }

    @Test
    void receiverDecryptsWithAnInstalledKeyBeforeActivation() {
        ring.install(1, mk(1));
        assertEquals(OptionalLong.empty(), ring.activeEpoch());
        SFrameKey bobs = MediaKeys.frameKey(mk(1), 1, 2);
        byte[] sealed = MediaFrame.seal(bobs, 0, 1, new byte[] {1, 2, 3});
        assertArrayEquals(new byte[] {1, 2, 3}, MediaFrame.open(ring::frameKey, 1, sealed));
        assertEquals(
                E2eeException.Reason.NO_KEY,
                assertThrows(E2eeException.class, () -> ring.sendKey(1)).reason());
    }

    @Test
    void activateSwitchesTheSendKeyAndOldEpochLivesTenSeconds() {
        ring.install(1, mk(1));
        ring.activate(1);
        assertEquals(MediaKeys.kid(1, 5), ring.sendKey(5).kid());
        ring.install(2, mk(2));
        assertEquals(MediaKeys.kid(1, 5), ring.sendKey(5).kid(), "installing does not switch the sender");
        ring.activate(2);
        assertEquals(MediaKeys.kid(2, 5), ring.sendKey(5).kid());

        clock.advance(Duration.ofMillis(9_999));
        assertEquals(List.of(1L, 2L), ring.heldEpochs());
        assertNotNull(ring.frameKey(MediaKeys.kid(1, 3)));
        ring.chatKey(1);

        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of(2L), ring.heldEpochs());
        assertNull(ring.frameKey(MediaKeys.kid(1, 3)), "epoch 1 is deleted 10 s after epoch 2 activated");
        assertEquals(
                E2eeException.Reason.NO_KEY,
                assertThrows(E2eeException.class, () -> ring.chatKey(1)).reason());
    }

    @Test
    void oldOrReplayedEpochsAreRefused() {
        ring.install(3, mk(3));
        ring.install(3, mk(3)); // a re-sent delivery of the same key is fine
        assertEquals(
                E2eeException.Reason.STALE,
                assertThrows(E2eeException.class, () -> ring.install(3, mk(30))).reason());
        assertEquals(
                E2eeException.Reason.STALE,
                assertThrows(E2eeException.class, () -> ring.install(2, mk(2))).reason());
        ring.activate(3);
        assertEquals(
                E2eeException.Reason.STALE,
                assertThrows(E2eeException.class, () -> ring.activate(3)).reason());
        assertEquals(
                E2eeException.Reason.NO_KEY,
                assertThrows(E2eeException.class, () -> ring.activate(4)).reason());
    }

    @Test
    void anEpochSixteenNewerEvictsTheOneWithTheSameKidBits() {
        ring.install(1, mk(1));
        ring.install(17, mk(17));
        assertEquals(List.of(17L), ring.heldEpochs());
        assertEquals(
                MediaKeys.frameKey(mk(17), 17, 1).kid(),
                ring.frameKey(MediaKeys.kid(17, 1)).kid());
        assertArrayEquals(
                MediaKeys.frameKey(mk(17), 17, 1).key(),
                ring.frameKey(MediaKeys.kid(1, 1)).key());
    }

    @Test
    void clearDeletesEverything() {
        ring.install(1, mk(1));
        ring.activate(1);
        ring.clear();
        assertEquals(List.of(), ring.heldEpochs());
        assertEquals(OptionalLong.empty(), ring.activeEpoch());
        assertNull(ring.frameKey(MediaKeys.kid(1, 1)));
    }
}
