package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The REST API's app secret check over one kept-alive HTTP connection. Jetty reuses a header field seen
 * earlier on a connection when the next matches it ignoring case: a lower-case {@code bearer} used to
 * make later correct requests fail, and a wrong, upper-cased secret used to pass after the right one.
 */
class BearerAuthTest {
    private static final String SECRET = TestServers.SECRET;
    private MosaicServer server;

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void eachRequestOnAKeptAliveConnectionIsJudgedByItsOwnHeader() throws Exception {
        server = TestServers.builder().start();
        server.rooms().create("staff-room", new dev.mosaic.server.room.RoomOptions(false, 0, null, false));
        String path = "/api/rooms/staff-room/participants";
        try (KeptAliveHttp http = new KeptAliveHttp(server)) {
            // The scheme is case-insensitive (RFC 9110), the secret is not.
            assertEquals(200, http.send("GET", path, "bearer " + SECRET, null).status(), "lower-case scheme");
            assertEquals(
                    200,
                    http.send("GET", path, "Bearer " + SECRET, null).status(),
                    "the right secret after a lower-case scheme");
            assertEquals(
                    401,
                    http.send("GET", path, "Bearer " + SECRET.toUpperCase(Locale.ROOT), null)
                            .status(),
                    "an upper-cased secret after the right one");
            assertEquals(200, http.send("GET", path, "BEARER " + SECRET, null).status());
            assertEquals(
                    401,
                    http.send("GET", path, "bearer " + SECRET.toUpperCase(Locale.ROOT), null)
                            .status());
            assertEquals(200, http.send("GET", path, "Bearer " + SECRET, null).status());
            assertEquals(
                    401, http.send("GET", path, "Bearer " + SECRET + "x", null).status(), "a longer secret");
            assertEquals(
                    401,
                    http.send("GET", path, "Bearer " + SECRET.substring(1), null)
                            .status(),
                    "a shorter secret");
            assertEquals(401, http.send("GET", path, "Basic " + SECRET, null).status(), "another scheme");
            assertEquals(401, http.send("GET", path, "Bearer" + SECRET, null).status(), "no space after the scheme");
            assertEquals(401, http.send("GET", path, null, null).status(), "no header");
            assertEquals(
                    200,
                    http.send("GET", path, "Bearer " + SECRET, null).status(),
                    "still the same connection, still right");
        }
    }
}
