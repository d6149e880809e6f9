package dev.mosaic.core.e2ee;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The meeting keys one participant holds (docs/e2ee.md, "Key ring"). A key is installed as soon as it is
 * delivered, so receivers can decrypt before senders switch; {@link #activate} switches the
 * sending epoch; every older epoch is kept {@link #OLD_EPOCH_GRACE} longer for frames and messages
 * still in flight, then deleted. Epochs only move forward.
 */
public final class KeyRing {
    /** How long an epoch older than the active one stays usable for decryption. */
    public static final Duration OLD_EPOCH_GRACE = Duration.ofSeconds(10);

    private static final class Epoch {
        final byte[] mk;
        final Map<Long, SFrameKey> frameKeys = new HashMap<>();
        byte[] chatKey;
        Instant deleteAt;

        Epoch(byte[] mk) {
            this.mk = mk;
        }
    }

    private final Clock clock;
    private final TreeMap<Long, Epoch> epochs = new TreeMap<>();
    private long activeEpoch;
    private long newestInstalled;

    public KeyRing(Clock clock) {
        this.clock = clock;
    }

    /**
     * Holds MK for {@code epoch}. Re-delivery of the same key is harmless; any other epoch not newer
     * than the newest installed is refused as {@link E2eeException.Reason#STALE}.
     */
    public synchronized void install(long epoch, byte[] mk) {
        MediaKeys.requireMk(mk);
        purge();
        Epoch held = epochs.get(epoch);
        if (held != null && MessageDigest.isEqual(held.mk, mk)) {
            return;
        }
        if (epoch <= newestInstalled) {
            throw new E2eeException(
                    E2eeException.Reason.STALE,
                    "epoch " + epoch + " is not newer than the newest key held (" + newestInstalled + ")");
        }
        // KIDs carry 4 epoch bits: an epoch 16 older would share them, so it must go now.
        epochs.keySet().removeIf(e -> (e & 0xF) == (epoch & 0xF));
        epochs.put(epoch, new Epoch(mk.clone()));
        newestInstalled = epoch;
    }

    /** Switches sending to {@code epoch}; older epochs are deleted {@link #OLD_EPOCH_GRACE} from now. */
    public synchronized void activate(long epoch) {
        purge();
        if (epoch <= activeEpoch) {
            throw new E2eeException(
                    E2eeException.Reason.STALE,
                    "epoch " + epoch + " is not newer than the active epoch " + activeEpoch);
        }
        if (!epochs.containsKey(epoch)) {
            throw new E2eeException(
                    E2eeException.Reason.NO_KEY, "cannot activate epoch " + epoch + ": its key never arrived");
        }
        Instant deleteAt = clock.instant().plus(OLD_EPOCH_GRACE);
        for (Epoch older : epochs.headMap(epoch, false).values()) {
            if (older.deleteAt == null) {
                older.deleteAt = deleteAt;
            }
        }
        activeEpoch = epoch;
    }

    public synchronized OptionalLong activeEpoch() {
        return activeEpoch == 0 ? OptionalLong.empty() : OptionalLong.of(activeEpoch);
    }

    /** Epochs whose keys are still held, oldest first. */
    public synchronized List<Long> heldEpochs() {
        purge();
        return new ArrayList<>(epochs.keySet());
    }

    public synchronized byte[] chatKey(long epoch) {
        Epoch e = held(epoch);
        if (e.chatKey == null) {
            e.chatKey = MediaKeys.chatKey(e.mk, epoch);
        }
        return e.chatKey.clone();
    }

    /** The key for a received frame's KID, or null when no held epoch matches it. */
    public synchronized SFrameKey frameKey(long kid) {
        purge();
        int epochBits = MediaKeys.epochBitsOf(kid);
        for (Map.Entry<Long, Epoch> entry : epochs.descendingMap().entrySet()) {
            if ((entry.getKey() & 0xF) == epochBits) {
                long epoch = entry.getKey();
                return entry.getValue()
                        .frameKeys
                        .computeIfAbsent(
                                kid, k -> MediaKeys.frameKey(entry.getValue().mk, epoch, MediaKeys.senderIndexOf(k)));
            }
        }
        return null;
    }

    /** The key this participant sends with: the active epoch's, for its own sender index. */
    public synchronized SFrameKey sendKey(int senderIndex) {
        if (activeEpoch == 0) {
            throw new E2eeException(E2eeException.Reason.NO_KEY, "no epoch is active yet");
        }
        return frameKey(MediaKeys.kid(activeEpoch, senderIndex));
    }

    /** Deletes every key (on leave). */
    public synchronized void clear() {
        epochs.values().forEach(e -> Arrays.fill(e.mk, (byte) 0));
        epochs.clear();
        activeEpoch = 0;
        newestInstalled = 0;
    }

    private Epoch held(long epoch) {
        purge();
        Epoch e = epochs.get(epoch);
        if (e == null) {
            throw new E2eeException(E2eeException.Reason.NO_KEY, "no key held for epoch " + epoch);
        }
        return e;
    }

    private void purge() {
        Instant now = clock.instant();
        epochs.values().removeIf(e -> {
            boolean expired = e.deleteAt != null && !now.isBefore(e.deleteAt);
            if (expired) {
                Arrays.fill(e.mk, (byte) 0);
            }
            return expired;
        });
    }
}
