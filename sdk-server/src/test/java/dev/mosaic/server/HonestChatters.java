package dev.mosaic.server;

import static dev.mosaic.server.TestServers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mosaic.core.client.MeetingClient;
import dev.mosaic.core.client.MeetingClientListener;
import dev.mosaic.core.protocol.Role;
import dev.mosaic.core.protocol.ServerMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Honest participants (the first a host) who chat at a steady pace while a test attacks their room,
 * and the check that every message of each reached all of them, in order, without a reconnect.
 */
final class HonestChatters {
    private static final String PREFIX = "honest ";

    /** One honest client and the honest chats it saw, per sender name, in arrival order. */
    static final class Honest implements MeetingClientListener {
        final String name;
        final Map<String, List<Integer>> chats = new ConcurrentHashMap<>();
        final AtomicLong reconnects = new AtomicLong();
        /** What its end-to-end encryption session refused, by reason. */
        final Map<String, LongAdder> e2eeErrors = new ConcurrentHashMap<>();

        volatile MeetingClient client;

        Honest(String name) {
            this.name = name;
        }

        @Override
        public void onChat(ServerMessage.Chat chat) {
            if (chat.name().startsWith("Honest") && chat.text().startsWith(PREFIX)) {
                chats.computeIfAbsent(chat.name(), k -> new CopyOnWriteArrayList<>())
                        .add(Integer.parseInt(chat.text().substring(PREFIX.length())));
            }
        }

        @Override
        public void onReconnecting() {
            reconnects.incrementAndGet();
        }

        @Override
        public void onE2eeError(String reason, String message) {
            e2eeErrors.computeIfAbsent(reason, k -> new LongAdder()).increment();
        }
    }

    final List<Honest> members = new ArrayList<>();
    private final AtomicBoolean talking = new AtomicBoolean();
    private final List<Thread> talkers = new ArrayList<>();
    private int[] sent;

    /** Joins {@code count} honest clients to {@code room}. */
    HonestChatters(MosaicServer server, String room, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            Honest h = new Honest("Honest" + i);
            h.client = MeetingClient.builder(
                            URI.create(server.webSocketUrl()),
                            room,
                            token(server, room, h.name, i == 0 ? Role.HOST : Role.PARTICIPANT))
                    .listener(h)
                    .build();
            h.client.join();
            members.add(h);
        }
        sent = new int[count];
    }

    List<MeetingClient> clients() {
        return members.stream().map(h -> h.client).toList();
    }

    /** Each sends a numbered chat every {@code periodMillis} until {@link #stopTalking}. */
    void startTalking(long periodMillis) {
        talking.set(true);
        for (int i = 0; i < members.size(); i++) {
            int index = i;
            Thread t = new Thread(
                    () -> {
                        while (talking.get()) {
                            members.get(index).client.sendChat(PREFIX + sent[index]++);
                            try {
                                Thread.sleep(periodMillis);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "honest-" + i);
            t.start();
            talkers.add(t);
        }
    }

    /** Stops the talkers; returns how many chats each sent. */
    String stopTalking() throws InterruptedException {
        talking.set(false);
        for (Thread t : talkers) {
            t.join();
        }
        return Arrays.toString(sent);
    }

    /** Every honest message reached every honest client (the sender included), in order, and nobody was cut off. */
    void assertEveryMessageArrivedInOrder() throws InterruptedException {
        for (Honest receiver : members) {
            for (int s = 0; s < members.size(); s++) {
                String sender = "Honest" + s;
                int expected = sent[s];
                assertTrue(
                        ModerationTest.waitFor(() ->
                                receiver.chats.getOrDefault(sender, List.of()).size() >= expected),
                        receiver.name + " got "
                                + receiver.chats.getOrDefault(sender, List.of()).size() + " of " + expected + " from "
                                + sender);
                List<Integer> got = receiver.chats.get(sender);
                for (int k = 0; k < expected; k++) {
                    assertEquals(k, got.get(k), receiver.name + " got " + sender + "'s messages out of order");
                }
            }
            assertEquals(0, receiver.reconnects.get(), receiver.name + " was never cut off");
            assertTrue(receiver.client.inMeeting());
        }
    }

    /** What the honest clients' E2EE sessions refused, by reason, summed over all of them. */
    Map<String, Long> e2eeErrors() {
        Map<String, Long> all = new java.util.TreeMap<>();
        members.forEach(h -> h.e2eeErrors.forEach((reason, n) -> all.merge(reason, n.sum(), Long::sum)));
        return all;
    }

    void leave() throws InterruptedException {
        for (Honest h : members) {
            h.client.leave();
        }
    }
}
