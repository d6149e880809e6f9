package dev.mosaic.server;

import static dev.mosaic.server.ModerationTest.waitFor;
import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.events.Attendance;
import dev.mosaic.server.events.MeetingListener;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rooms created through the API that nobody joins are removed after their expiry; rooms in use are
 * not. The server's clock is moved forward by hours while the expiry sweep runs every few ms.
 */
class RoomExpiryTest {
    private static final Instant START = Instant.parse("2026-12-01T08:00:00Z");
    private final TestClock clock = new TestClock(START);
    private final BlockingQueue<String> ended = new LinkedBlockingQueue<>();
    private MosaicServer server;
    private ApiCalls api;

    @BeforeEach
    void start() {
        server = TestServers.builder()
                .clock(clock)
                .expirySweep(Duration.ofMillis(10))
                .listener(new MeetingListener() {
                    @Override
                    public void onRoomEnded(String room, Attendance attendance) {
                        ended.add(room);
                    }
                })
                .start();
        api = new ApiCalls(server);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private boolean exists(String room) {
        return server.rooms().find(room).isPresent();
    }

    /** Creates {@code probe} to expire in a minute, moves the clock past that and waits for it to go: a sweep ran. */
    private void sweepAfter(Duration advance) throws Exception {
        assertEquals(
                201,
                api.call("POST", "/api/rooms", "{\"room\":\"probe\",\"expiresInSeconds\":60}")
                        .status());
        clock.advance(advance);
        assertTrue(waitFor(() -> !exists("probe")), "the probe room expired");
    }

    @Test
    void anUnjoinedRoomIsRemovedAfter24HoursWhileAJoinedOneStays() throws Exception {
        ApiCalls.Reply created = api.call("POST", "/api/rooms", "{\"room\":\"unused\"}");
        assertEquals(201, created.status());
        assertEquals(
                START.plus(Duration.ofHours(24)),
                Instant.parse(created.json().get("expiresAt").getAsString()));
        assertEquals(
                201,
                api.call("POST", "/api/rooms", "{\"room\":\"lesson\",\"waitingRoom\":true}")
                        .status());
        RecordingListener adaEvents = new RecordingListener();
        MeetingClient host = MeetingClient.builder(
                        URI.create(server.webSocketUrl()), "lesson", token(server, "lesson", "Teacher", Role.HOST))
                .build();
        host.join();
        assertNull(
                api.call("GET", "/api/rooms/lesson", null).json().get("expiresAt"), "a started room does not expire");

        sweepAfter(Duration.ofHours(23));
        assertTrue(exists("unused"), "23 hours is not 24");

        sweepAfter(Duration.ofHours(1));
        assertFalse(exists("unused"));
        assertEquals(404, api.call("GET", "/api/rooms/unused", null).status());
        assertTrue(exists("lesson"), "the room in use stays");
        assertTrue(host.inMeeting());

        // The name is free again, and the room in use still works as before.
        assertEquals(
                201, api.call("POST", "/api/rooms", "{\"room\":\"unused\"}").status());
        MeetingClient ada = MeetingClient.builder(
                        URI.create(server.webSocketUrl()), "lesson", token(server, "lesson", "Ada", Role.PARTICIPANT))
                .listener(adaEvents)
                .build();
        Thread joiner = new Thread(() -> {
            try {
                ada.join(Duration.ofSeconds(10));
            } catch (Exception e) {
                // seen through inMeeting()
            }
        });
        joiner.start();
        adaEvents.await("waiting");
        String adaId = server.rooms()
                .find("lesson")
                .orElseThrow()
                .state()
                .waiting()
                .get(0)
                .id();
        api.call("POST", "/api/rooms/lesson/waiting/" + adaId + "/admit", null);
        assertTrue(waitFor(ada::inMeeting));
        host.leave();
        ada.leave();
        assertEquals("lesson", ended.poll(5, TimeUnit.SECONDS), "a started room ends with its last person, as always");
        assertNull(ended.poll(), "an unused room that expires never started, so it reports no end");
    }

    @Test
    void someoneWaitingKeepsAnUnstartedRoomUntilTheyGo() throws Exception {
        assertEquals(
                201,
                api.call("POST", "/api/rooms", "{\"room\":\"lobby\",\"waitingRoom\":true,\"expiresInSeconds\":600}")
                        .status());
        RecordingListener guestEvents = new RecordingListener();
        MeetingClient guest = MeetingClient.builder(
                        URI.create(server.webSocketUrl()), "lobby", token(server, "lobby", "Guest", Role.PARTICIPANT))
                .listener(guestEvents)
                .build();
        Thread joiner = new Thread(() -> {
            try {
                guest.join(Duration.ofSeconds(10));
            } catch (Exception e) {
                // the guest gives up below
            }
        });
        joiner.start();
        guestEvents.await("waiting");

        sweepAfter(Duration.ofHours(1));
        assertTrue(exists("lobby"), "the guest is still waiting for a host");
        assertEquals(
                1, server.rooms().find("lobby").orElseThrow().state().waiting().size());

        guest.close();
        assertTrue(waitFor(() -> !exists("lobby")), "once nobody waits, the expired room goes");
    }

    @Test
    void aRoomSetsItsOwnExpiryAndBadValuesAreRefused() throws Exception {
        ApiCalls.Reply in = api.call("POST", "/api/rooms", "{\"room\":\"short\",\"expiresInSeconds\":3600}");
        assertEquals(
                START.plusSeconds(3600),
                Instant.parse(in.json().get("expiresAt").getAsString()));
        ApiCalls.Reply at =
                api.call("POST", "/api/rooms", "{\"room\":\"term\",\"expiresAt\":\"2027-03-31T16:00:00Z\"}");
        assertEquals(201, at.status());
        assertEquals("2027-03-31T16:00:00Z", at.json().get("expiresAt").getAsString());

        String[] bad = {
            "{\"room\":\"x\",\"expiresInSeconds\":0}",
            "{\"room\":\"x\",\"expiresInSeconds\":-5}",
            "{\"room\":\"x\",\"expiresInSeconds\":\"soon\"}",
            "{\"room\":\"x\",\"expiresInSeconds\":31708800}",
            "{\"room\":\"x\",\"expiresAt\":\"2026-11-30T08:00:00Z\"}",
            "{\"room\":\"x\",\"expiresAt\":\"next tuesday\"}",
            "{\"room\":\"x\",\"expiresAt\":1795600000}",
            "{\"room\":\"x\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}",
            "{\"room\":\"x\",\"expiresAt\":\"2026-12-02T08:00:00Z\",\"expiresInSeconds\":60}"
        };
        for (String body : bad) {
            ApiCalls.Reply r = api.call("POST", "/api/rooms", body);
            assertEquals(400, r.status(), body);
            assertEquals("bad_request", r.code(), body);
        }
        assertFalse(exists("x"));

        clock.advance(Duration.ofHours(2));
        assertTrue(waitFor(() -> !exists("short")), "its own hour, not the default day");
        assertTrue(exists("term"));
    }

    @Test
    void theDefaultComesFromTheBuilderFlagOrEnvironment() {
        assertEquals(Duration.ofHours(24), Limits.DEFAULT.unusedRoomExpiry());
        assertEquals(
                Duration.ofMinutes(10),
                TestServers.builder()
                        .unusedRoomExpiry(Duration.ofMinutes(10))
                        .build()
                        .limits()
                        .unusedRoomExpiry());
        java.util.Map<String, String> env =
                java.util.Map.of("MOSAIC_SECRET", TestServers.SECRET, "MOSAIC_UNUSED_ROOM_EXPIRY", "3600");
        assertEquals(
                Duration.ofHours(1),
                Main.parse(new String[0], env).build().limits().unusedRoomExpiry());
        assertEquals(
                Duration.ofDays(7),
                Main.parse(new String[] {"--unused-room-expiry", "604800"}, env)
                        .build()
                        .limits()
                        .unusedRoomExpiry());
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> Main.parse(new String[] {"--unused-room-expiry", "0"}, env)
                        .build());
    }

    @Test
    void theServerDefaultAppliesToRoomsCreatedFromJava() throws Exception {
        server.stop();
        server = TestServers.builder()
                .clock(clock)
                .expirySweep(Duration.ofMillis(10))
                .unusedRoomExpiry(Duration.ofMinutes(30))
                .start();
        api = new ApiCalls(server);
        server.rooms().create("from-java", dev.mosaic.server.room.RoomOptions.DEFAULT);
        assertEquals(
                START.plus(Duration.ofMinutes(30)),
                server.rooms().find("from-java").orElseThrow().state().expiresAt());
        clock.advance(Duration.ofMinutes(31));
        assertTrue(waitFor(() -> !exists("from-java")));
    }
}
