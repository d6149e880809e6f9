package dev.mosaic.core.e2ee;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * End-to-end encrypted chat: AES-256-GCM under the epoch's chat key, plus the sender's Ed25519
 * signature, because a group key alone cannot show which member wrote a message (SFrame §9.2).
 * aad = lp(roomId) ‖ u32(epoch) ‖ lp(from) ‖ u64(seq); sig = Ed25519(IK_from, aad ‖ nonce ‖ ct).
 */
public final class E2eeChat {
    public static final int NONCE_LENGTH = 12;

    private E2eeChat() {}

    public static byte[] aad(String roomId, long epoch, String from, long seq) {
        return new ByteWriter().lp(roomId).u32(epoch).lp(from).u64(seq).toByteArray();
    }

    public static ChatMessage encrypt(
            byte[] chatKey,
            String roomId,
            long epoch,
            String from,
            long seq,
            byte[] nonce,
            String text,
            IdentityKey sender) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("chat nonce must be 12 random bytes");
        }
        byte[] aad = aad(roomId, epoch, from, seq);
        byte[] ct = new AesGcm(chatKey).seal(nonce, aad, text.getBytes(StandardCharsets.UTF_8));
        byte[] sig = sender.sign(signedBytes(aad, nonce, ct));
        return new ChatMessage(epoch, from, seq, nonce.clone(), ct, sig);
    }

    /** Verifies the sender's signature with its pinned {@code senderIk}, then decrypts. */
    public static String decrypt(byte[] chatKey, String roomId, ChatMessage m, byte[] senderIk) {
        if (m.nonce() == null || m.nonce().length != NONCE_LENGTH) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "chat nonce must be 12 bytes");
        }
        byte[] aad = aad(roomId, m.epoch(), m.from(), m.seq());
        IdentityKey.requireValid(senderIk, signedBytes(aad, m.nonce(), m.ct()), m.sig(), "chat from " + m.from());
        byte[] plain = new AesGcm(chatKey).open(m.nonce(), aad, m.ct());
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new E2eeException(E2eeException.Reason.MALFORMED, "chat text is not UTF-8", e);
        }
    }

    private static byte[] signedBytes(byte[] aad, byte[] nonce, byte[] ct) {
        return new ByteWriter().bytes(aad).bytes(nonce).bytes(ct).toByteArray();
    }
}
