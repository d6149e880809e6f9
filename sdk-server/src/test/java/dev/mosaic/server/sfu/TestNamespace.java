package dev.mosaic.server.sfu;

/**
 * The network namespace the SFU tests run in, made by {@code src/test/sfu/bin/java} (the test JVM of
 * the "sfu" failsafe execution). Everything that talks to Janus or does ICE with it must be in here.
 */
final class TestNamespace {
    private TestNamespace() {}

    /** The namespace's veth, which Janus gathers its ICE candidates on. */
    static String device() {
        require();
        return System.getenv("MOSAIC_NETNS_DEVICE");
    }

    /** The veth's address, used in Janus's SDP. */
    static String address() {
        require();
        return System.getenv("MOSAIC_NETNS_ADDRESS");
    }

    /** Fails (never skips) when this JVM is not inside the namespace its wrapper made. */
    static String require() {
        String name = System.getenv("MOSAIC_NETNS");
        if (name != null) {
            return name;
        }
        String error = System.getenv("MOSAIC_NETNS_ERROR");
        throw new IllegalStateException(
                error != null
                        ? error
                        : "SFU tests must run inside their network namespace: run them through Maven's failsafe "
                                + "\"sfu\" execution (mvn -pl sdk-server verify -Dit.test=...), which starts the JVM with src/test/sfu/bin/java");
    }
}
