package dev.mosaic.core.e2ee;

/** What {@code e2ee.activate} signs: "WMX1 activate" ‖ u32(epoch) ‖ rosterHash. */
public final class Activation {
    private Activation() {}

    public static byte[] toBytes(long epoch, byte[] rosterHash) {
        return new ByteWriter()
                .label("WMX1 activate")
                .u32(epoch)
                .bytes(rosterHash)
                .toByteArray();
    }

    public static byte[] sign(IdentityKey leader, long epoch, byte[] rosterHash) {
        return leader.sign(toBytes(epoch, rosterHash));
    }

    public static void verify(byte[] leaderIk, long epoch, byte[] rosterHash, byte[] signature) {
        IdentityKey.requireValid(leaderIk, toBytes(epoch, rosterHash), signature, "activation of epoch " + epoch);
    }
}
