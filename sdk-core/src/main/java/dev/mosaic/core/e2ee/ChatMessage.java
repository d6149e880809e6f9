package dev.mosaic.core.e2ee;

/** The encrypted fields of a {@code chat.e2ee} message (docs/e2ee.md, "Pieces": chat). */
public record ChatMessage(long epoch, String from, long seq, byte[] nonce, byte[] ct, byte[] sig) {}
