package dev.mosaic.server;

import static dev.mosaic.server.ModerationTest.waitFor;
import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.client.MeetingException;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.HostAction;
import dev.mosaic.core.protocol.MediaState;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.server.events.MeetingListener;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application's backend moderates through the REST API with no host in the room; the
 * participants see exactly what a host's action would show them.
 */
class BackendModerationTest {
    private static final MediaState TALKING = new MediaState(true, true, false, false);
    private final BlockingQueue<String> hostActions = new LinkedBlockingQueue<>();
    private MosaicServer server;
    private ApiCalls api;

    @BeforeEach
    void start() {
        server = TestServers.builder()
                .listener(new MeetingListener() {
                    @Override
                    public void onHostAction(String room, Participant host, HostAction action, String targetId) {
                        hostActions.add((host == null ? "application" : host.name()) + " " + action.wireName() + " "
                                + targetId);
                    }
                })
                .start();
        api = new ApiCalls(server);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private MeetingClient join(String room, String token, RecordingListener events) throws Exception {
        MeetingClient c = MeetingClient.builder(URI.create(server.webSocketUrl()), room, token)
                .listener(events)
                .build();
        c.join();
        return c;
    }

    private MeetingClient join(String room, String name, Role role, RecordingListener events) throws Exception {
        return join(room, token(server, room, name, role), events);
    }

    private MeetingClient joinWaiting(String room, String name, RecordingListener events) {
        return TestServers.joinWaiting(server, room, name, events);
    }

    @Test
    void listsParticipantsAndWhoIsWaitingThenAdmitsAndDeniesWithoutAHost() throws Exception {
        assertEquals(
                201,
                api.call("POST", "/api/rooms", "{\"room\":\"lobby\",\"waitingRoom\":true}")
                        .status());
        RecordingListener adaEvents = new RecordingListener();
        RecordingListener bobEvents = new RecordingListener();
        MeetingClient ada = joinWaiting("lobby", "Ada", adaEvents);
        adaEvents.await("waiting");
        joinWaiting("lobby", "Bob", bobEvents);
        bobEvents.await("waiting");

        JsonObject listed =
                api.call("GET", "/api/rooms/lobby/participants", null).json();
        assertEquals(0, listed.getAsJsonArray("participants").size());
        JsonArray waiting = listed.getAsJsonArray("waiting");
        assertEquals(2, waiting.size());
        JsonObject adaWaiting = waiting.get(0).getAsJsonObject();
        assertEquals("Ada", adaWaiting.get("name").getAsString());
        assertEquals("user-Ada", adaWaiting.get("userId").getAsString());
        assertEquals("participant", adaWaiting.get("role").getAsString());
        String bobId = waiting.get(1).getAsJsonObject().get("id").getAsString();

        ApiCalls.Reply admitted = api.call(
                "POST", "/api/rooms/lobby/waiting/" + adaWaiting.get("id").getAsString() + "/admit", null);
        assertEquals(200, admitted.status());
        assertEquals(1, admitted.json().getAsJsonArray("participants").size());
        assertTrue(waitFor(ada::inMeeting), "Ada is let in with no host in the room");

        assertEquals(
                200,
                api.call("POST", "/api/rooms/lobby/waiting/" + bobId + "/deny", null)
                        .status());
        assertEquals("left denied", bobEvents.await("left"));
        assertEquals(
                "not_found",
                api.call("POST", "/api/rooms/lobby/waiting/" + bobId + "/admit", null)
                        .code());

        ada.setMedia(TALKING);
        assertTrue(waitFor(() -> ada.self().media().audio()));
        assertTrue(waitFor(() -> server.rooms()
                .find("lobby")
                .orElseThrow()
                .state()
                .participants()
                .get(0)
                .media()
                .audio()));
        assertTrue(
                api.call("GET", "/api/rooms/lobby/participants", null)
                        .json()
                        .getAsJsonArray("participants")
                        .get(0)
                        .getAsJsonObject()
                        .getAsJsonObject("media")
                        .get("audio")
                        .getAsBoolean(),
                "the list shows media");
        assertEquals("application admit " + ada.self().id(), next(hostActions));
        assertEquals("application deny " + bobId, next(hostActions));
    }

    @Test
    void removeSendsTheParticipantOutForEveryoneAndTheirTokenCannotComeBack() throws Exception {
        RecordingListener adaEvents = new RecordingListener();
        RecordingListener malloryEvents = new RecordingListener();
        MeetingClient ada = join("class", "Ada", Role.PARTICIPANT, adaEvents);
        String malloryToken = token(server, "class", "Mallory", Role.PARTICIPANT);
        MeetingClient mallory = join("class", malloryToken, malloryEvents);
        adaEvents.await("participantJoined Mallory");

        ApiCalls.Reply removed = api.call(
                "POST", "/api/rooms/class/participants/" + mallory.self().id() + "/remove", null);
        assertEquals(200, removed.status());
        assertEquals(1, removed.json().getAsJsonArray("participants").size());
        assertEquals("left removed", malloryEvents.await("left"));
        assertEquals("participantLeft Mallory removed", adaEvents.await("participantLeft"));
        assertEquals("application remove " + mallory.self().id(), next(hostActions));

        MeetingException refused =
                assertThrows(MeetingException.class, () -> join("class", malloryToken, new RecordingListener()));
        assertEquals(ErrorCode.FORBIDDEN, refused.code());
        assertTrue(waitFor(
                () -> ada.participants().stream().noneMatch(p -> p.name().equals("Mallory"))));
        assertTrue(ada.inMeeting());
    }

    @Test
    void muteAndMuteAllLookToTheParticipantsLikeAHostsButNameNoOne() throws Exception {
        RecordingListener hostEvents = new RecordingListener();
        RecordingListener adaEvents = new RecordingListener();
        RecordingListener bobEvents = new RecordingListener();
        MeetingClient host = join("class", "Teacher", Role.HOST, hostEvents);
        MeetingClient ada = join("class", "Ada", Role.PARTICIPANT, adaEvents);
        MeetingClient bob = join("class", "Bob", Role.PARTICIPANT, bobEvents);
        for (MeetingClient c : new MeetingClient[] {host, ada, bob}) {
            c.setMedia(TALKING);
        }
        assertTrue(waitFor(() -> host.participants().stream()
                .allMatch(p -> p.media().audio() && p.media().video())));

        assertEquals(
                200,
                api.call("POST", "/api/rooms/class/participants/" + ada.self().id() + "/mute", "{\"kind\":\"video\"}")
                        .status());
        assertEquals("muted VIDEO", adaEvents.await("muted"));
        assertTrue(
                waitFor(() -> bob.participants().stream()
                        .anyMatch(p -> p.name().equals("Ada")
                                && !p.media().video()
                                && p.media().audio())),
                "Bob sees Ada's camera off");

        assertEquals(
                200,
                api.call("POST", "/api/rooms/class/mute-all", "{\"kind\":\"audio\"}")
                        .status());
        assertEquals("muted AUDIO", adaEvents.await("muted"));
        assertEquals("muted AUDIO", bobEvents.await("muted"));
        assertTrue(waitFor(
                () -> host.participants().stream().noneMatch(p -> p.media().audio())));
        assertTrue(host.self().media().audio(), "mute all spares hosts");
        assertEquals("application mute " + ada.self().id(), next(hostActions));
        assertEquals("application muteAll null", next(hostActions));

        // On the wire, "muted" names no participant: the application is not one.
        RawClient raw = RawClient.connect(server);
        String rawId = raw.joinAs("class", token(server, "class", "Cat", Role.PARTICIPANT));
        api.call("POST", "/api/rooms/class/participants/" + rawId + "/mute", "{\"kind\":\"screen\"}");
        JsonObject muted = raw.next("muted");
        assertEquals("screen", muted.get("kind").getAsString());
        assertNull(muted.get("by"));
    }

    @Test
    void promoteRaisesAViewerOrAParticipantButNeverLowersAHost() throws Exception {
        RecordingListener adaEvents = new RecordingListener();
        MeetingClient ada = join("class", "Ada", Role.PARTICIPANT, adaEvents);
        MeetingClient viewer = join("class", "Vic", Role.VIEWER, new RecordingListener());
        String path = "/api/rooms/class/participants/";

        assertEquals(
                200,
                api.call("POST", path + viewer.self().id() + "/promote", "{\"role\":\"participant\"}")
                        .status());
        assertTrue(waitFor(() -> viewer.self().role() == Role.PARTICIPANT), "Vic may speak now");
        assertTrue(waitFor(() ->
                ada.participants().stream().anyMatch(p -> p.name().equals("Vic") && p.role() == Role.PARTICIPANT)));

        JsonObject promoted =
                api.call("POST", path + ada.self().id() + "/promote", null).json();
        assertTrue(
                promoted.getAsJsonArray("participants").asList().stream()
                        .anyMatch(p -> p.getAsJsonObject()
                                        .get("name")
                                        .getAsString()
                                        .equals("Ada")
                                && p.getAsJsonObject().get("role").getAsString().equals("host")),
                "no role means host");
        assertTrue(waitFor(() -> ada.self().role() == Role.HOST));

        assertEquals(
                200,
                api.call("POST", path + ada.self().id() + "/promote", "{\"role\":\"participant\"}")
                        .status());
        assertEquals(
                Role.HOST,
                server.rooms().find("class").orElseThrow().state().participants().stream()
                        .filter(p -> p.name().equals("Ada"))
                        .findFirst()
                        .orElseThrow()
                        .role(),
                "a host stays host");
    }

    @Test
    void lockKeepsNewcomersOutUntilUnlocked() throws Exception {
        RecordingListener adaEvents = new RecordingListener();
        MeetingClient ada = join("class", "Ada", Role.PARTICIPANT, adaEvents);
        ApiCalls.Reply locked = api.call("POST", "/api/rooms/class/lock", "{\"locked\":true}");
        assertEquals(200, locked.status());
        assertTrue(locked.json().get("locked").getAsBoolean());
        assertEquals("roomUpdated locked=true", adaEvents.await("roomUpdated"));
        assertTrue(waitFor(ada::locked));

        String lateToken = token(server, "class", "Late", Role.PARTICIPANT);
        MeetingException refused =
                assertThrows(MeetingException.class, () -> join("class", lateToken, new RecordingListener()));
        assertEquals(ErrorCode.ROOM_LOCKED, refused.code());

        assertFalse(api.call("POST", "/api/rooms/class/lock", "{\"locked\":false}")
                .json()
                .get("locked")
                .getAsBoolean());
        assertEquals("roomUpdated locked=false", adaEvents.await("roomUpdated"));
        assertTrue(join("class", lateToken, new RecordingListener()).inMeeting());
        assertEquals("application lock null", next(hostActions));
        assertEquals("application unlock null", next(hostActions));
    }

    @Test
    void withoutTheSecretAMissingAndAnExistingRoomAnswerTheSame() throws Exception {
        join("class", "Ada", Role.PARTICIPANT, new RecordingListener());
        String[][] calls = {
            {"GET", "/participants", null},
            {"POST", "/participants/p1/mute", "{\"kind\":\"audio\"}"},
            {"POST", "/participants/p1/remove", null},
            {"POST", "/participants/p1/promote", null},
            {"POST", "/mute-all", "{\"kind\":\"audio\"}"},
            {"POST", "/lock", "{\"locked\":true}"},
            {"POST", "/waiting/p1/admit", null},
            {"POST", "/waiting/p1/deny", null}
        };
        for (String[] c : calls) {
            for (String secret : new String[] {null, "not-the-secret"}) {
                ApiCalls.Reply existing = api.call(c[0], "/api/rooms/class" + c[1], c[2], secret);
                ApiCalls.Reply missing = api.call(c[0], "/api/rooms/no-such-room" + c[1], c[2], secret);
                assertEquals(401, existing.status(), c[1]);
                assertEquals("unauthorized", existing.code(), c[1]);
                assertEquals(existing.raw(), missing.raw(), c[1]);
            }
            ApiCalls.Reply unknownRoom = api.call(c[0], "/api/rooms/no-such-room" + c[1], c[2]);
            assertEquals(404, unknownRoom.status(), c[1]);
            assertEquals("not_found", unknownRoom.code(), c[1]);
        }
        assertFalse(server.rooms().find("class").orElseThrow().state().locked(), "nothing happened without the secret");
        assertTrue(hostActions.isEmpty());
    }

    @Test
    void unknownParticipantsAndBadBodiesGetStableCodes() throws Exception {
        MeetingClient ada = join("class", "Ada", Role.PARTICIPANT, new RecordingListener());
        String ada_ = "/api/rooms/class/participants/" + ada.self().id();
        for (String path : new String[] {
            "/participants/nobody/mute",
            "/participants/nobody/remove",
            "/participants/nobody/promote",
            "/waiting/nobody/admit",
            "/waiting/nobody/deny",
            "/waiting/" + ada.self().id() + "/admit"
        }) {
            ApiCalls.Reply r = api.call("POST", "/api/rooms/class" + path, "{\"kind\":\"audio\"}");
            assertEquals(404, r.status(), path);
            assertEquals("not_found", r.code(), path);
        }
        String[][] bad = {
            {ada_ + "/mute", null},
            {ada_ + "/mute", "{\"kind\":\"loud\"}"},
            {ada_ + "/mute", "{\"kind\":1}"},
            {ada_ + "/mute", "[\"audio\"]"},
            {ada_ + "/mute", "{not json"},
            {"/api/rooms/class/mute-all", "{}"},
            {ada_ + "/promote", "{\"role\":\"viewer\"}"},
            {ada_ + "/promote", "{\"role\":\"admin\"}"},
            {"/api/rooms/class/lock", null},
            {"/api/rooms/class/lock", "{\"locked\":\"yes\"}"}
        };
        for (String[] b : bad) {
            ApiCalls.Reply r = api.call("POST", b[0], b[1]);
            assertEquals(400, r.status(), b[0] + " " + b[1]);
            assertEquals("bad_request", r.code(), b[0] + " " + b[1]);
            assertFalse(r.json().get("message").getAsString().isBlank());
        }
        assertTrue(ada.inMeeting(), "nothing happened to Ada");
        assertEquals(Role.PARTICIPANT, ada.self().role());
        assertTrue(hostActions.isEmpty());
    }

    @Test
    void admittingIntoAFullRoomIsAConflictNotABadRequest() throws Exception {
        assertEquals(
                201,
                api.call("POST", "/api/rooms", "{\"room\":\"small\",\"capacity\":1,\"waitingRoom\":true}")
                        .status());
        join("small", "Hana", Role.HOST, new RecordingListener());
        RecordingListener adaEvents = new RecordingListener();
        MeetingClient ada = joinWaiting("small", "Ada", adaEvents);
        adaEvents.await("waiting");
        String adaId = api.call("GET", "/api/rooms/small/participants", null)
                .json()
                .getAsJsonArray("waiting")
                .get(0)
                .getAsJsonObject()
                .get("id")
                .getAsString();

        ApiCalls.Reply full = api.call("POST", "/api/rooms/small/waiting/" + adaId + "/admit", null);
        assertEquals(409, full.status(), "the request is fine, the room's state is in the way");
        assertEquals("room_full", full.code());
        assertFalse(ada.inMeeting(), "Ada still waits");
        assertEquals(
                1,
                api.call("GET", "/api/rooms/small/participants", null)
                        .json()
                        .getAsJsonArray("waiting")
                        .size());

        assertEquals(
                200,
                api.call("POST", "/api/rooms/small/waiting/" + adaId + "/deny", null)
                        .status());
        assertEquals("left denied", adaEvents.await("left"));
    }

    private static String next(BlockingQueue<String> q) throws InterruptedException {
        return q.poll(5, TimeUnit.SECONDS);
    }
}
