package dev.mosaic.core.e2ee;

/**
 * Who sends which epoch's key to whom; the AAD of a wrapped key.
 * aad = lp(roomId) ‖ lp(sessionId) ‖ u32(epoch) ‖ lp(from) ‖ lp(to).
 */
public record KeyDelivery(String roomId, String sessionId, long epoch, String from, String to) {
    public byte[] aad() {
        return new ByteWriter()
                .lp(roomId)
                .lp(sessionId)
                .u32(epoch)
                .lp(from)
                .lp(to)
                .toByteArray();
    }
}
