package dev.mosaic.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.MediaState;
import dev.mosaic.core.protocol.MessageCodec;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.server.room.RoomOptions;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Viewers receive only until a host promotes them; through MeetingClient against a real server. */
class ViewerRoleTest {
    private MosaicServer server;

    /** Also keeps the WebRTC signals a client is sent. */
    private static final class Recorder extends RecordingListener {
        final BlockingQueue<ServerMessage> signals = new LinkedBlockingQueue<>();

        @Override
        public void onSignal(ServerMessage signal) {
            signals.add(signal);
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

    private MeetingClient join(String room, String name, Role role, RecordingListener events) throws Exception {
        return TestServers.join(server, room, name, role, events);
    }

    @Test
    void aViewerReceivesRaisesAHandAndNegotiatesButCannotChatOrSendMedia() throws Exception {
        Recorder hostEvents = new Recorder();
        Recorder viewerEvents = new Recorder();
        MeetingClient host = join("lecture", "Teacher", Role.HOST, hostEvents);
        MeetingClient viewer = join("lecture", "Parent", Role.VIEWER, viewerEvents);
        hostEvents.await("participantJoined Parent");

        viewer.send(new ClientMessage.Chat("c1", "hello from a viewer"));
        assertEquals("error forbidden", viewerEvents.await("error"));
        assertThrows(IllegalStateException.class, () -> viewer.sendChat("hello"));

        viewer.setMedia(new MediaState(true, false, false, false));
        assertEquals("error forbidden", viewerEvents.await("error"));
        viewer.setMedia(new MediaState(false, false, true, false));
        assertEquals("error forbidden", viewerEvents.await("error"));

        // Allowed: a raised hand (how a viewer asks to speak) and the offers that let it receive.
        viewer.raiseHand(true);
        assertEquals("hand Parent", hostEvents.await("hand"));
        viewer.send(new ClientMessage.Offer("o1", host.self().id(), "v=0 viewer offer"));
        ServerMessage offer = hostEvents.signals.poll(5, TimeUnit.SECONDS);
        assertTrue(offer instanceof ServerMessage.Offer o && o.sdp().equals("v=0 viewer offer"), "host got " + offer);

        host.sendChat("welcome");
        assertEquals("chat Teacher: welcome", viewerEvents.await("chat"));
        // The refused chat and media never reached the host: its next chat is its own, its media view unchanged.
        assertEquals("chat Teacher: welcome", hostEvents.await("chat"));
        MediaState seen = host.participants().stream()
                .filter(p -> p.name().equals("Parent"))
                .findFirst()
                .orElseThrow()
                .media();
        assertEquals(new MediaState(false, false, false, true), seen);
    }

    @Test
    void aHostLetsAViewerSpeakAndNoRoleIsEverLowered() throws Exception {
        Recorder hostEvents = new Recorder();
        Recorder viewerEvents = new Recorder();
        MeetingClient host = join("seminar", "Teacher", Role.HOST, hostEvents);
        MeetingClient viewer = join("seminar", "Guest", Role.VIEWER, viewerEvents);
        hostEvents.await("participantJoined Guest");

        host.host().promote(viewer.self().id(), Role.PARTICIPANT);
        assertTrue(
                ModerationTest.waitFor(() -> viewer.self().role() == Role.PARTICIPANT),
                "role " + viewer.self().role());
        viewer.sendChat("thank you");
        assertEquals("chat Guest: thank you", hostEvents.await("chat"));
        viewer.setMedia(new MediaState(true, true, false, false));
        assertTrue(ModerationTest.waitFor(() -> host.participants().stream()
                .anyMatch(p -> p.name().equals("Guest")
                        && p.media().audio()
                        && p.media().video())));

        // "participant" for a host is no demotion; a misspelt role is refused, not read as host.
        MeetingClient second = join("seminar", "Assistant", Role.HOST, new Recorder());
        host.host().promote(second.self().id(), Role.PARTICIPANT);
        host.send(new ClientMessage.Promote("p2", viewer.self().id(), "hots"));
        assertEquals("error bad_request", hostEvents.await("error"));
        assertEquals(Role.HOST, second.self().role());
        assertEquals(Role.PARTICIPANT, viewer.self().role());
        assertThrows(
                IllegalArgumentException.class,
                () -> host.host().promote(viewer.self().id(), Role.VIEWER));
    }

    @Test
    void aViewerCannotSendEncryptedChatEither() throws Exception {
        server.rooms().create("private", new RoomOptions(true, 0, null, false));
        Recorder hostEvents = new Recorder();
        Recorder viewerEvents = new Recorder();
        join("private", "Teacher", Role.HOST, hostEvents);
        MeetingClient viewer = join("private", "Observer", Role.VIEWER, viewerEvents);
        hostEvents.await("participantJoined Observer");
        // What a modified client could send: the server refuses it before relaying a byte.
        viewer.send(MessageCodec.decodeClient("{\"v\":1,\"type\":\"chat.e2ee\",\"ct\":\"AAAA\"}"));
        assertEquals("error forbidden", viewerEvents.await("error"));
    }
}
