package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.client.MeetingException;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.MediaKind;
import dev.mosaic.core.protocol.MediaState;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.server.room.RoomOptions;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Java SDK's MeetingClient against a real server. */
class MeetingClientTest {
    private MosaicServer server;
    private DroppableProxy proxy;

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        server.stop();
    }

    private MeetingClient client(String room, String name, Role role, RecordingListener listener) {
        return client(URI.create(server.webSocketUrl()), room, name, role, listener);
    }

    private MeetingClient client(URI uri, String room, String name, Role role, RecordingListener listener) {
        return MeetingClient.builder(uri, room, token(server, room, name, role))
                .listener(listener)
                .build();
    }

    @Test
    void joinChatHandAndLeave() throws Exception {
        server = TestServers.builder().start();
        RecordingListener adaEvents = new RecordingListener();
        RecordingListener bobEvents = new RecordingListener();
        MeetingClient ada = client("r", "Ada", Role.PARTICIPANT, adaEvents);
        ServerMessage.Joined joined = ada.join();
        assertEquals("Ada", joined.you().name());
        assertFalse(joined.resume().isBlank());
        MeetingClient bob = client("r", "Bob", Role.PARTICIPANT, bobEvents);
        bob.join();
        assertEquals("participantJoined Bob", adaEvents.await("participantJoined"));
        assertEquals(1, ada.participants().size());

        bob.sendChat("hi Ada");
        assertEquals("chat Bob: hi Ada", adaEvents.await("chat"));
        bob.raiseHand(true);
        assertEquals("hand Bob", adaEvents.await("hand"));
        assertTrue(ada.participants().get(0).media().hand());

        bob.leave();
        assertEquals("participantLeft Bob left", adaEvents.await("participantLeft"));
        assertEquals(LeaveReason.LEFT, bob.leftReason());
        ada.close();
    }

    @Test
    void joinFailuresCarryTheServersCode() throws Exception {
        server = TestServers.builder().start();
        server.rooms().create("tiny", new RoomOptions(false, 1, null, false));
        client("tiny", "First", Role.PARTICIPANT, new RecordingListener()).join();
        MeetingException full = assertThrows(
                MeetingException.class,
                () -> client("tiny", "Second", Role.PARTICIPANT, new RecordingListener())
                        .join());
        assertEquals(ErrorCode.ROOM_FULL, full.code());

        String otherRoomToken = token(server, "elsewhere", "X", Role.PARTICIPANT);
        MeetingClient wrong = MeetingClient.builder(URI.create(server.webSocketUrl()), "tiny", otherRoomToken)
                .build();
        assertEquals(
                ErrorCode.TOKEN_WRONG_ROOM,
                assertThrows(MeetingException.class, wrong::join).code());

        MeetingClient nowhere = MeetingClient.builder(URI.create("ws://127.0.0.1:1/ws"), "tiny", otherRoomToken)
                .build();
        assertNull(assertThrows(MeetingException.class, () -> nowhere.join(Duration.ofSeconds(2)))
                .code());
    }

    @Test
    void hostActionsThroughTheClient() throws Exception {
        server = TestServers.builder().start();
        server.rooms().create("lobby", new RoomOptions(false, 0, null, true));
        RecordingListener hostEvents = new RecordingListener();
        MeetingClient host = client("lobby", "Host", Role.HOST, hostEvents);
        host.join();

        RecordingListener guestEvents = new RecordingListener();
        MeetingClient guest = client("lobby", "Guest", Role.PARTICIPANT, guestEvents);
        Thread admitter = new Thread(() -> {
            try {
                String waiting = hostEvents.await("participantWaiting Guest");
                host.host().admit(waiting.substring(waiting.lastIndexOf(' ') + 1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        admitter.start();
        ServerMessage.Joined joined = guest.join();
        admitter.join();
        assertEquals("waiting", guestEvents.await("waiting"));
        String guestId = joined.you().id();

        guest.setMedia(new MediaState(true, true, false, false));
        hostEvents.await("participantUpdated Guest");
        host.host().mute(guestId, MediaKind.VIDEO);
        assertEquals("muted VIDEO", guestEvents.await("muted"));
        assertTrue(waitFor(() -> !guest.self().media().video()), "the server turned the guest's video off");

        host.host().lock(true);
        assertEquals("roomUpdated locked=true", guestEvents.await("roomUpdated"));
        assertTrue(guest.locked());

        guest.host().end();
        assertEquals("error forbidden", guestEvents.await("error"));
        host.host().remove(guestId);
        assertEquals("left removed", guestEvents.await("left"));
        assertEquals("participantLeft Guest removed", hostEvents.await("participantLeft"));
        host.host().end();
        assertEquals("left ended", hostEvents.await("left"));
    }

    @Test
    void aDroppedConnectionIsResumedWithoutOthersNoticing() throws Exception {
        server = TestServers.builder().start();
        proxy = new DroppableProxy(server.port());
        RecordingListener adaEvents = new RecordingListener();
        MeetingClient ada = client(proxy.webSocketUri(), "r", "Ada", Role.PARTICIPANT, adaEvents);
        String adaId = ada.join().you().id();
        RecordingListener bobEvents = new RecordingListener();
        MeetingClient bob = client("r", "Bob", Role.PARTICIPANT, bobEvents);
        bob.join();
        adaEvents.await("participantJoined Bob");

        proxy.dropAll();
        assertEquals("reconnecting", adaEvents.await("reconnecting"));
        ada.sendChat("sent while reconnecting");
        assertEquals("reconnected seamless=true as " + adaId, adaEvents.await("reconnected"));
        assertEquals("chat Ada: sent while reconnecting", bobEvents.await("chat"));
        String unexpected = bobEvents.poll(300);
        assertNull(unexpected, "Bob should have seen nothing else, saw " + unexpected);
        assertEquals(adaId, ada.self().id());
        ada.close();
        bob.close();
    }

    @Test
    void afterTheGracePeriodTheClientJoinsAfresh() throws Exception {
        server = TestServers.builder().resumeGrace(Duration.ZERO).start();
        proxy = new DroppableProxy(server.port());
        RecordingListener adaEvents = new RecordingListener();
        MeetingClient ada = client(proxy.webSocketUri(), "r", "Ada", Role.PARTICIPANT, adaEvents);
        String firstId = ada.join().you().id();
        RecordingListener bobEvents = new RecordingListener();
        client("r", "Bob", Role.PARTICIPANT, bobEvents).join();

        proxy.refuseNew(true);
        proxy.dropAll();
        assertEquals("participantLeft Ada disconnected", bobEvents.await("participantLeft"));
        proxy.refuseNew(false);
        String back = adaEvents.await("reconnected");
        assertTrue(back.startsWith("reconnected seamless=false"), back);
        assertFalse(back.endsWith(firstId));
        assertEquals("participantJoined Ada", bobEvents.await("participantJoined"));
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
