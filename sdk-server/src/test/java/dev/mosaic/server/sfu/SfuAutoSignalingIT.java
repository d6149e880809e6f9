package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.client.MeetingClientListener;
import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.ErrorCode;
import dev.mosaic.core.protocol.LeaveReason;
import dev.mosaic.core.protocol.MediaMode;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import dev.mosaic.server.MosaicServer;
import dev.mosaic.server.events.MeetingListener;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The signaling of an {@code auto} room's move to a real Janus, seen by Java clients (which do no media):
 * the third person passes a threshold of 2, everyone gets one {@code roomUpdated} with {@code media:"sfu"}
 * and then {@code sfu.feeds}; nobody leaves, the order of participants stays, a mesh {@code offer} sent
 * after the move gets {@code bad_request}, and someone joining later is told {@code sfu} in {@code joined}.
 */
@Tag("sfu")
@Timeout(120)
class SfuAutoSignalingIT {
    private static SfuStack stack;
    private static MosaicServer mosaic;
    private static final List<String> serverLeaves = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        stack = SfuStack.start(b -> b.media(MediaMode.AUTO).sfuThreshold(2).listener(new MeetingListener() {
            @Override
            public void onParticipantLeft(String room, Participant participant, LeaveReason reason) {
                serverLeaves.add(participant.name());
            }
        }));
        mosaic = stack.mosaic;
    }

    @AfterAll
    static void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    /** What one client heard, in order. */
    private static final class Heard implements MeetingClientListener {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onParticipantLeft(Participant participant, LeaveReason reason) {
            events.add("left " + participant.name());
        }

        @Override
        public void onMediaModeChanged(MediaMode media) {
            events.add("media " + media.wireName());
        }

        @Override
        public void onSignal(ServerMessage signal) {
            if (signal instanceof ServerMessage.SfuFeeds) {
                events.add("sfu.feeds");
            }
        }

        @Override
        public void onError(ErrorCode code, String message, String requestId) {
            events.add("error " + code.wireName() + " " + requestId);
        }
    }

    private static MeetingClient join(String room, String name, Role role, Heard heard) throws Exception {
        String token = mosaic.tokens().issue(room, "u-" + name, name, role, Duration.ofMinutes(10));
        MeetingClient c = MeetingClient.builder(URI.create(mosaic.webSocketUrl()), room, token)
                .listener(heard)
                .build();
        c.join(Duration.ofSeconds(15));
        return c;
    }

    @Test
    void theThirdPersonMovesTheRoomToJanusAndNobodyLeaves() throws Exception {
        String room = "auto-" + UUID.randomUUID().toString().substring(0, 8);
        List<MeetingClient> clients = new ArrayList<>();
        Heard ada = new Heard();
        Heard bob = new Heard();
        Heard cleo = new Heard();
        try {
            MeetingClient a = join(room, "Ada", Role.HOST, ada);
            clients.add(a);
            MeetingClient b = join(room, "Bob", Role.PARTICIPANT, bob);
            clients.add(b);
            assertEquals(MediaMode.MESH, b.media(), "two people: a mesh");
            List<String> orderBefore =
                    b.participants().stream().map(Participant::name).toList();
            MeetingClient c = join(room, "Cleo", Role.PARTICIPANT, cleo);
            clients.add(c);
            for (MeetingClient client : clients) {
                awaitTrue("everyone is told the room moved", () -> client.media() == MediaMode.SFU);
            }
            awaitTrue(
                    "each gets sfu.feeds after the move",
                    () -> ada.events.contains("sfu.feeds")
                            && bob.events.contains("sfu.feeds")
                            && cleo.events.contains("sfu.feeds"));
            assertEquals(
                    List.of("media sfu", "sfu.feeds"), ada.events.subList(0, 2), "roomUpdated first, then the feeds");
            assertEquals(3, a.participants().size() + 1);
            assertEquals(
                    List.of("Ada", "Cleo"),
                    b.participants().stream().map(Participant::name).toList(),
                    "Bob's room keeps its order (" + orderBefore + " then Cleo)");

            // A mesh offer still in flight after the move: a clear error, and the sender stays.
            b.send(new ClientMessage.Offer("stale-1", a.self().id(), "v=0\r\n"));
            awaitTrue("Bob's stale offer is refused", () -> bob.events.contains("error bad_request stale-1"));
            assertTrue(b.inMeeting());

            // Someone joining now is told sfu in joined itself.
            Heard dan = new Heard();
            MeetingClient d = join(room, "Dan", Role.PARTICIPANT, dan);
            clients.add(d);
            assertEquals(MediaMode.SFU, d.media());
            assertTrue(dan.events.stream().noneMatch(e -> e.startsWith("media")), "no change for Dan: " + dan.events);
            for (Heard h : List.of(ada, bob, cleo, dan)) {
                assertTrue(h.events.stream().noneMatch(e -> e.startsWith("left")), "nobody left: " + h.events);
                assertEquals(
                        1, h.events.stream().filter(e -> e.startsWith("media")).count() + (h == dan ? 1 : 0));
            }
            assertEquals(List.of(), serverLeaves, "no participant.left on the server either");
        } finally {
            for (MeetingClient client : clients) {
                client.close();
            }
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " (not within 30 s)");
            }
            Thread.sleep(100);
        }
    }
}
