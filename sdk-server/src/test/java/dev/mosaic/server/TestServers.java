package dev.mosaic.server;

import dev.mosaic.core.protocol.Role;
import java.time.Duration;

/** Starting servers and issuing tokens the same way in every test. */
final class TestServers {
    static final String SECRET = "test-secret-test-secret-test-secret-42";

    private TestServers() {}

    /** A builder on 127.0.0.1, port 0, with the test secret; add settings and call start(). */
    static MosaicServer.Builder builder() {
        return MosaicServer.builder().port(0).secret(SECRET);
    }

    static String token(MosaicServer server, String room, String name, Role role) {
        return server.tokens().issue(room, "user-" + name, name, role, Duration.ofMinutes(5));
    }
}
