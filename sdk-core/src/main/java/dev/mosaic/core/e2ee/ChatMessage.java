package dev.mosaic.core.e2ee;

/** The encrypted fields of a {@code chat.e2ee} message (E2EE design §8.4 item 6). */
public record ChatMessage(long epoch, String from, long seq, byte[] nonce, byte[] ct, byte[] sig) {
}
