package dev.mosaic.server;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.client.MeetingClientListener;
import dev.mosaic.core.protocol.Role;
import java.net.URI;
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

    /** A Java client in {@code room} as {@code name}, joined. */
    static MeetingClient join(MosaicServer server, String room, String name, Role role, MeetingClientListener listener)
            throws Exception {
        MeetingClient c = client(server, room, name, role, listener);
        c.join();
        return c;
    }

    /** Starts joining a room that sends people to its waiting room; the client is in once admitted. */
    static MeetingClient joinWaiting(MosaicServer server, String room, String name, MeetingClientListener listener) {
        MeetingClient c = client(server, room, name, Role.PARTICIPANT, listener);
        Thread joiner = new Thread(() -> {
            try {
                c.join(Duration.ofSeconds(10));
            } catch (Exception e) {
                // the test sees it through the recorded events and inMeeting()
            }
        });
        joiner.setDaemon(true);
        joiner.start();
        return c;
    }

    private static MeetingClient client(
            MosaicServer server, String room, String name, Role role, MeetingClientListener listener) {
        return MeetingClient.builder(URI.create(server.webSocketUrl()), room, token(server, room, name, role))
                .listener(listener)
                .build();
    }
}
