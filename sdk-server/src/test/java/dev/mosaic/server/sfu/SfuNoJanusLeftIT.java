package dev.mosaic.server.sfu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.mosaic.core.protocol.Role;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.handshake.ServerHandshake;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The only Janus dies: the room's participants hear {@code sfu_unavailable}, media requests are refused
 * with it, the meeting (chat) goes on, and once the Janus is back the room is on it and everyone gets
 * {@code sfu.restart}.
 */
@Tag("sfu")
@Timeout(180)
class SfuNoJanusLeftIT {
    @Test
    void withNoJanusLeftTheMeetingGoesOnAndMediaRestartsWhenOneReturns() throws Exception {
        SfuStack stack = SfuStack.startPool(1);
        JanusServer back = null;
        ExecutorService blocking = Executors.newCachedThreadPool();
        String room = "nojanus-" + UUID.randomUUID().toString().substring(0, 8);
        try (Client ana = Client.join(stack, room, "ana");
                Client ben = Client.join(stack, room, "ben")) {
            awaitRooms(stack.janus, blocking, 1);

            stack.janus.kill();
            for (Client c : List.of(ana, ben)) {
                JsonObject notice = c.await("error");
                assertEquals("sfu_unavailable", notice.get("code").getAsString(), notice.toString());
                assertFalse(notice.has("id"), "a notice, not an answer: " + notice);
                assertTrue(notice.get("message").getAsString().contains("no other is up"), notice.toString());
            }
            ana.send("{\"v\":1,\"type\":\"sfu.publish\",\"id\":\"p1\",\"source\":\"camera\",\"sdp\":\"v=0\\r\\n\"}");
            JsonObject refused = ana.await("error");
            assertEquals("sfu_unavailable", refused.get("code").getAsString(), refused.toString());
            assertEquals("p1", refused.get("id").getAsString());
            ana.send("{\"v\":1,\"type\":\"chat\",\"id\":\"c1\",\"text\":\"still here\"}");
            assertEquals("still here", ben.await("chat").get("text").getAsString(), "chat goes on");

            back = stack.janus.restart();
            long listening = System.nanoTime();
            for (Client c : List.of(ana, ben)) {
                JsonObject restart = c.await("sfu.restart");
                assertTrue(restart.get("reason").getAsString().contains("up again"), restart.toString());
            }
            System.out.printf(
                    "no Janus left: the room was back on the restarted Janus %.1f s after it listened%n",
                    (System.nanoTime() - listening) / 1e9);
            awaitRooms(back, blocking, 1);
        } finally {
            blocking.shutdownNow();
            stack.close();
            if (back != null) {
                back.close();
            }
        }
    }

    private static void awaitRooms(JanusServer janus, ExecutorService blocking, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<Long> rooms = List.of();
        while (System.nanoTime() < deadline) {
            JanusNode look = new JanusNode(janus.url(), janus.adminKey, blocking);
            try {
                rooms = look.listRooms().join();
            } finally {
                look.close();
            }
            if (rooms.size() == count) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the Janus at " + janus.url() + " holds " + rooms + ", not " + count + " room(s)");
    }

    /** A bare signaling client: joins with a token and reads what the server sends. */
    private static final class Client extends WebSocketClient implements AutoCloseable {
        private final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();

        private Client(URI uri) {
            super(uri);
        }

        static Client join(SfuStack stack, String room, String user) throws InterruptedException {
            Client c = new Client(URI.create(stack.mosaic.webSocketUrl()));
            assertTrue(c.connectBlocking(5, TimeUnit.SECONDS), "connected");
            String token = stack.mosaic.tokens().issue(room, user, user, Role.PARTICIPANT, Duration.ofHours(1));
            c.send("{\"v\":1,\"type\":\"join\",\"id\":\"j\",\"room\":\"" + room + "\",\"token\":\"" + token + "\"}");
            c.await("joined");
            return c;
        }

        /** Skips messages until one of {@code type}; fails after 60 s (a Janus retry may take 16 s). */
        JsonObject await(String type) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline) {
                JsonObject m = received.poll(500, TimeUnit.MILLISECONDS);
                if (m != null && type.equals(m.get("type").getAsString())) {
                    return m;
                }
            }
            throw new AssertionError("no " + type + " within 60 s");
        }

        @Override
        public void onOpen(ServerHandshake handshake) {}

        @Override
        public void onMessage(String message) {
            received.add(JsonParser.parseString(message).getAsJsonObject());
        }

        @Override
        public void onClose(int code, String reason, boolean remote) {}

        @Override
        public void onError(Exception ex) {}
    }
}
