package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.client.MeetingClientListener;
import dev.mosaic.core.protocol.ClientMessage;
import dev.mosaic.core.protocol.Participant;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * 200 Java clients in 20 rooms join, talk, signal and leave all at once: every message reaches
 * exactly the people it was meant for, none is lost, none crosses into another room.
 */
class ManyRoomsTest {
    private static final int ROOMS = 20;
    private static final int PER_ROOM = 10;

    /** One client's view: what it received. */
    private static final class Seen implements MeetingClientListener {
        final Queue<ServerMessage.Chat> chats = new ConcurrentLinkedQueue<>();
        final Queue<ServerMessage.Offer> offers = new ConcurrentLinkedQueue<>();
        final Queue<String> other = new ConcurrentLinkedQueue<>();

        @Override
        public void onChat(ServerMessage.Chat chat) {
            chats.add(chat);
        }

        @Override
        public void onSignal(ServerMessage signal) {
            if (signal instanceof ServerMessage.Offer o) {
                offers.add(o);
            } else {
                other.add(signal.toString());
            }
        }

        @Override
        public void onError(dev.mosaic.core.protocol.ErrorCode code, String message, String requestId) {
            other.add("error " + code + " " + message);
        }

        @Override
        public void onReconnecting() {
            other.add("reconnecting");
        }
    }

    private record Seat(int room, MeetingClient client, Seen seen) {}

    @Test
    void twoHundredClientsInTwentyRoomsLoseAndMisrouteNothing() throws Exception {
        try (MosaicServer server = TestServers.builder()
                .connectionsPerAddress(ROOMS * PER_ROOM + 10)
                .start()) {
            ExecutorService pool = Executors.newFixedThreadPool(32);
            try {
                List<Callable<Seat>> joins = new ArrayList<>();
                for (int r = 0; r < ROOMS; r++) {
                    for (int i = 0; i < PER_ROOM; i++) {
                        int room = r;
                        String name = "r" + r + "-p" + i;
                        joins.add(() -> {
                            Seen seen = new Seen();
                            MeetingClient c = MeetingClient.builder(
                                            URI.create(server.webSocketUrl()),
                                            "load-" + room,
                                            token(server, "load-" + room, name, Role.PARTICIPANT))
                                    .listener(seen)
                                    .build();
                            c.join();
                            return new Seat(room, c, seen);
                        });
                    }
                }
                long t0 = System.nanoTime();
                List<Seat> seats = new ArrayList<>();
                for (Future<Seat> f : pool.invokeAll(joins)) {
                    seats.add(f.get());
                }
                assertEquals(ROOMS, server.rooms().roomCount());
                await(() ->
                        seats.stream().allMatch(s -> s.client().participants().size() == PER_ROOM - 1));
                long t1 = System.nanoTime();

                // Each client chats once and sends an offer to the next one in its room (by id order).
                List<Callable<Void>> talk = new ArrayList<>();
                for (Seat s : seats) {
                    talk.add(() -> {
                        String me = s.client().self().id();
                        List<String> ids = new ArrayList<>(s.client().participants().stream()
                                .map(Participant::id)
                                .toList());
                        ids.add(me);
                        ids.sort(Comparator.naturalOrder());
                        String next = ids.get((ids.indexOf(me) + 1) % ids.size());
                        s.client().sendChat("room " + s.room() + " from " + me);
                        s.client().send(new ClientMessage.Offer(null, next, "offer from " + me));
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(talk)) {
                    f.get();
                }
                await(() -> seats.stream()
                        .allMatch(s -> s.seen().chats.size() >= PER_ROOM
                                && !s.seen().offers.isEmpty()));
                long t2 = System.nanoTime();
                Thread.sleep(300); // let anything misrouted arrive before checking there is none

                for (Seat s : seats) {
                    String me = s.client().self().id();
                    assertEquals(PER_ROOM, s.seen().chats.size(), "chats seen by " + me);
                    for (ServerMessage.Chat chat : s.seen().chats) {
                        assertEquals("room " + s.room() + " from " + chat.from(), chat.text());
                    }
                    assertEquals(
                            PER_ROOM,
                            s.seen().chats.stream()
                                    .map(ServerMessage.Chat::from)
                                    .distinct()
                                    .count());
                    assertEquals(1, s.seen().offers.size(), "offers to " + me);
                    ServerMessage.Offer offer = s.seen().offers.peek();
                    assertEquals("offer from " + offer.from(), offer.sdp());
                    List<String> ids = new ArrayList<>(s.client().participants().stream()
                            .map(Participant::id)
                            .toList());
                    ids.add(me);
                    ids.sort(Comparator.naturalOrder());
                    String previous = ids.get((ids.indexOf(me) + ids.size() - 1) % ids.size());
                    assertEquals(previous, offer.from(), "offer to " + me + " came from the wrong peer");
                    assertEquals(List.of(), List.copyOf(s.seen().other));
                }

                List<Callable<Void>> leaves = new ArrayList<>();
                for (Seat s : seats) {
                    leaves.add(() -> {
                        s.client().leave();
                        return null;
                    });
                }
                for (Future<Void> f : pool.invokeAll(leaves)) {
                    f.get();
                }
                await(() -> server.rooms().roomCount() == 0);
                assertEquals(0, server.rooms().roomCount());
                // Figures for the record only, never asserted: the machine may be busy.
                System.out.printf(
                        "ManyRoomsTest: %d joins until everyone saw everyone %d ms; %d chats + %d offers delivered"
                                + " (%d messages) in %d ms; all left in %d ms%n",
                        seats.size(),
                        (t1 - t0) / 1_000_000,
                        seats.size(),
                        seats.size(),
                        seats.size() * (PER_ROOM + 1),
                        (t2 - t1) / 1_000_000,
                        (System.nanoTime() - t2) / 1_000_000 - 300);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met within 60 s");
            }
            Thread.sleep(50);
        }
    }
}
