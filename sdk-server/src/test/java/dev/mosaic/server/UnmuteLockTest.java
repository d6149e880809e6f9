package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.MediaState;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.Role;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Mute all, and nobody unmutes until I say so": the room setting, exceptions, and the REST API. */
class UnmuteLockTest {
    private static final MediaState TALKING = new MediaState(true, false, false, false);
    private MosaicServer server;

    /** Also records which kinds a host let this client unmute. */
    private static final class Recorder extends RecordingListener {
        final java.util.concurrent.BlockingQueue<String> allowed = new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public void onUnmuteAllowed(String by, MediaKind kind, boolean isAllowed) {
            allowed.add(kind + " " + isAllowed);
        }
    }

    @BeforeEach
    void start() {
        server = TestServers.builder().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private MeetingClient join(String name, Role role, RecordingListener events) throws Exception {
        return TestServers.join(server, "class", name, role, events);
    }

    private static boolean audioOn(MeetingClient viewer, String name) {
        return viewer.participants().stream()
                .filter(p -> p.name().equals(name))
                .map(Participant::media)
                .anyMatch(MediaState::audio);
    }

    @Test
    void aHostMutesEveryoneForGoodThenLetsOnePupilSpeakThenEveryone() throws Exception {
        RecordingListener teacherEvents = new RecordingListener();
        Recorder adaEvents = new Recorder();
        MeetingClient teacher = join("Teacher", Role.HOST, teacherEvents);
        MeetingClient ada = join("Ada", Role.PARTICIPANT, adaEvents);
        MeetingClient bob = join("Bob", Role.PARTICIPANT, new RecordingListener());
        ada.setMedia(TALKING);
        bob.setMedia(TALKING);
        assertTrue(ModerationTest.waitFor(() -> audioOn(teacher, "Ada") && audioOn(teacher, "Bob")));

        teacher.host().muteAll(MediaKind.AUDIO, false);
        assertEquals("muted AUDIO", adaEvents.await("muted"));
        assertTrue(ModerationTest.waitFor(() -> !audioOn(teacher, "Ada") && !audioOn(teacher, "Bob")));
        assertTrue(ModerationTest.waitFor(() -> ada.unmuteLocked().equals(List.of(MediaKind.AUDIO))));

        // Unmuting is refused; a raised hand is not; hosts are not bound.
        ada.setMedia(new MediaState(true, false, false, true));
        assertEquals("error forbidden", adaEvents.await("error"));
        ada.raiseHand(true);
        assertEquals("hand Ada", teacherEvents.await("hand"));
        teacher.setMedia(TALKING);
        assertTrue(ModerationTest.waitFor(() -> ada.participants().stream()
                .anyMatch(p -> p.role() == Role.HOST && p.media().audio())));
        // Video was not locked.
        ada.setMedia(new MediaState(false, true, false, true));
        assertTrue(ModerationTest.waitFor(() -> teacher.participants().stream()
                .anyMatch(p -> p.name().equals("Ada") && p.media().video())));

        // The host lets Ada answer: she may unmute, Bob still may not.
        teacher.host().allowUnmute(ada.self().id(), MediaKind.AUDIO, true);
        assertEquals("AUDIO true", adaEvents.allowed.poll(5, java.util.concurrent.TimeUnit.SECONDS));
        ada.setMedia(new MediaState(true, true, false, false));
        assertTrue(ModerationTest.waitFor(() -> audioOn(teacher, "Ada")));
        bob.setMedia(TALKING);
        assertTrue(ModerationTest.waitFor(() -> !audioOn(teacher, "Bob")));

        // Taking it back mutes her again.
        teacher.host().allowUnmute(ada.self().id(), MediaKind.AUDIO, false);
        assertEquals("AUDIO false", adaEvents.allowed.poll(5, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(ModerationTest.waitFor(() -> !audioOn(teacher, "Ada")));

        // A newcomer learns the setting in joined; letting everyone again lifts it.
        MeetingClient cy = join("Cy", Role.PARTICIPANT, new RecordingListener());
        assertEquals(List.of(MediaKind.AUDIO), cy.unmuteLocked());
        teacher.host().allowUnmute(MediaKind.AUDIO, true);
        assertTrue(ModerationTest.waitFor(() -> cy.unmuteLocked().isEmpty()));
        bob.setMedia(TALKING);
        assertTrue(ModerationTest.waitFor(() -> audioOn(teacher, "Bob")));
    }

    @Test
    void participantsCannotLockAndTheApplicationCanOverRest() throws Exception {
        RecordingListener adaEvents = new RecordingListener();
        join("Teacher", Role.HOST, new RecordingListener());
        MeetingClient ada = join("Ada", Role.PARTICIPANT, adaEvents);
        ada.host().allowUnmute(MediaKind.AUDIO, false);
        assertEquals("error forbidden", adaEvents.await("error"));

        ApiCalls api = new ApiCalls(server);
        ApiCalls.Reply locked =
                api.call("POST", "/api/rooms/class/mute-all", "{\"kind\":\"audio\",\"allowUnmute\":false}");
        assertEquals(200, locked.status(), locked.raw());
        assertEquals(
                "audio", locked.json().getAsJsonArray("unmuteLocked").get(0).getAsString());
        ada.setMedia(TALKING);
        assertEquals("error forbidden", adaEvents.await("error"));

        assertEquals(
                200,
                api.call(
                                "POST",
                                "/api/rooms/class/allow-unmute",
                                "{\"kind\":\"audio\",\"allowed\":true,\"participant\":\""
                                        + ada.self().id() + "\"}")
                        .status());
        ada.setMedia(TALKING);
        assertTrue(ModerationTest.waitFor(() -> ada.self().media().audio()));

        assertEquals(
                400,
                api.call("POST", "/api/rooms/class/allow-unmute", "{\"kind\":\"audio\"}")
                        .status());
        assertEquals(
                400,
                api.call("POST", "/api/rooms/class/allow-unmute", "{\"kind\":\"smell\",\"allowed\":true}")
                        .status());
        assertEquals(
                404,
                api.call(
                                "POST",
                                "/api/rooms/class/allow-unmute",
                                "{\"kind\":\"audio\",\"allowed\":true,\"participant\":\"pNobody\"}")
                        .status());
        ApiCalls.Reply opened =
                api.call("POST", "/api/rooms/class/allow-unmute", "{\"kind\":\"audio\",\"allowed\":true}");
        assertEquals(0, opened.json().getAsJsonArray("unmuteLocked").size());
    }
}
